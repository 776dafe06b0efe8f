-- Files and multipart uploads to remove that no job references any more: written in the transaction
-- that deletes a job (API), or when a worker could not remove what it wrote; a worker drains it with
-- backoff, so a failed removal is tried again rather than forgotten. No foreign key: the job is gone.
create table export_file_cleanup (
    id              bigint generated always as identity primary key,
    object_key      text        not null,
    upload_id       text,
    created_at      timestamptz not null,
    next_attempt_at timestamptz not null,
    attempts        integer     not null default 0,
    last_error      text
);

create index export_file_cleanup_due on export_file_cleanup (next_attempt_at);
