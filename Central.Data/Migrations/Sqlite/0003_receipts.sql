-- Messenger read and delivery receipts: shown to caseworkers ("the worker has read your reply"), never answered.
ALTER TABLE contacts ADD COLUMN last_delivered_at TEXT NULL;
ALTER TABLE contacts ADD COLUMN last_read_at TEXT NULL;
