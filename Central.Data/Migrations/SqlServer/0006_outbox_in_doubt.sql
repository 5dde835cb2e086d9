-- A send that was under way when its instance died is "in doubt": Meta may or may not have it. send_started_at
-- marks a send in flight; confirmed_at records Meta's echo of it (the echo carries the outbox key as metadata), so
-- an in-doubt message is resent only when no echo came.
ALTER TABLE outbox ADD
    send_started_at  DATETIMEOFFSET  NULL,
    confirmed_at     DATETIMEOFFSET  NULL;
