package dev.edgeauth.e2e.cycle.a;

import dev.edgeauth.e2e.cycle.b.Right;

/** Half of the deliberate cycle {@code PackageCycleTests} must see. */
public class Left {

    Right right;

}
