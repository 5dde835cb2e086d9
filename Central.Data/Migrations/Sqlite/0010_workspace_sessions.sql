-- The caseworker workspace: a session stamp that ends every session of an account when its password, role or
-- access changes, and when each account last signed in (shown to admins).
ALTER TABLE caseworkers ADD COLUMN session_stamp TEXT NULL;
ALTER TABLE caseworkers ADD COLUMN last_sign_in_at TEXT NULL;
CREATE INDEX ix_cases_assigned ON cases (assigned_to, status);
