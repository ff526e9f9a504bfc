package dev.edgeauth.e2e.cycle.b;

import dev.edgeauth.e2e.cycle.a.Left;

/** The other half of the deliberate cycle {@code PackageCycleTests} must see. */
public class Right {

    Left left;

}
