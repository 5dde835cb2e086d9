-- Messenger read and delivery receipts: shown to caseworkers ("the worker has read your reply"), never answered.
ALTER TABLE contacts ADD
    last_delivered_at  DATETIMEOFFSET  NULL,
    last_read_at       DATETIMEOFFSET  NULL;
