-- The caseworker workspace: a session stamp that ends every session of an account when its password, role or
-- access changes, and when each account last signed in (shown to admins).
ALTER TABLE caseworkers ADD
    session_stamp    NVARCHAR (40)   NULL,
    last_sign_in_at  DATETIMEOFFSET  NULL;

CREATE INDEX ix_cases_assigned ON cases (assigned_to, status);
