-- Each user's tasks, keyed by the user id the gateway forwards (the token's sub).
CREATE TABLE tasks (
    id          uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id    uuid        NOT NULL,
    title       text        NOT NULL CHECK (char_length(title) BETWEEN 1 AND 500),
    completed   boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Keyset pagination: a user's tasks, newest first, with id as the tie-breaker.
CREATE INDEX tasks_owner_created ON tasks (owner_id, created_at DESC, id DESC);
