-- Run by the database-init service as sa on every `up`, before migrate (it only adds what is
-- missing): the Exchange database and its two logins, which can do nothing else on the server.
--
--   $(OwnerLogin)  owns the schema (db_owner): the migrate verb connects as it.
--   $(AppLogin)    the web nodes: reads and writes rows of every table, the ones later migrations
--                  create included (db_datareader, db_datawriter), and never changes the schema; it
--                  may add to the audit log but never change or delete an entry.
IF DB_ID(N'Exchange') IS NULL
    CREATE DATABASE [Exchange];
GO
-- The proofs of liabilities read the whole ledger in one SNAPSHOT transaction.
ALTER DATABASE [Exchange] SET ALLOW_SNAPSHOT_ISOLATION ON;
GO
IF SUSER_ID(N'$(OwnerLogin)') IS NULL
    CREATE LOGIN [$(OwnerLogin)] WITH PASSWORD = N'$(OwnerPassword)', CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [$(OwnerLogin)] WITH PASSWORD = N'$(OwnerPassword)';
IF SUSER_ID(N'$(AppLogin)') IS NULL
    CREATE LOGIN [$(AppLogin)] WITH PASSWORD = N'$(AppPassword)', CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [$(AppLogin)] WITH PASSWORD = N'$(AppPassword)';
GO
USE [Exchange];
IF USER_ID(N'$(OwnerLogin)') IS NULL
    CREATE USER [$(OwnerLogin)] FOR LOGIN [$(OwnerLogin)];
ALTER ROLE db_owner ADD MEMBER [$(OwnerLogin)];
IF USER_ID(N'$(AppLogin)') IS NULL
    CREATE USER [$(AppLogin)] FOR LOGIN [$(AppLogin)];
-- A database from before the two logins was the app login's own.
IF IS_ROLEMEMBER(N'db_owner', N'$(AppLogin)') = 1
    ALTER ROLE db_owner DROP MEMBER [$(AppLogin)];
ALTER ROLE db_datareader ADD MEMBER [$(AppLogin)];
ALTER ROLE db_datawriter ADD MEMBER [$(AppLogin)];
GO
-- The audit log is append-only for the app. The table may not exist yet (migrate runs after this),
-- so a database trigger denies UPDATE and DELETE whenever a migration creates it; and at once, if it exists.
CREATE OR ALTER TRIGGER [AuditLogAppendOnly] ON DATABASE AFTER CREATE_TABLE
AS
BEGIN
    SET NOCOUNT ON;
    IF EVENTDATA().value('(/EVENT_INSTANCE/SchemaName)[1]', 'sysname') = N'dbo'
       AND EVENTDATA().value('(/EVENT_INSTANCE/ObjectName)[1]', 'sysname') = N'AuditLog'
        EXEC (N'DENY UPDATE, DELETE ON OBJECT::[dbo].[AuditLog] TO [$(AppLogin)];');
END;
GO
IF OBJECT_ID(N'dbo.AuditLog', N'U') IS NOT NULL
    DENY UPDATE, DELETE ON OBJECT::[dbo].[AuditLog] TO [$(AppLogin)];
GO
