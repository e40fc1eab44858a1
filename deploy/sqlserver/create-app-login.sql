-- Run by the database-init service as sa, every `up`: the database and the app's own login, which
-- owns the database (migrations change its schema) and nothing else on the server.
IF DB_ID(N'Exchange') IS NULL
    CREATE DATABASE [Exchange];
GO
-- The proofs of liabilities read the whole ledger in one SNAPSHOT transaction.
ALTER DATABASE [Exchange] SET ALLOW_SNAPSHOT_ISOLATION ON;
GO
IF SUSER_ID(N'$(AppLogin)') IS NULL
    CREATE LOGIN [$(AppLogin)] WITH PASSWORD = N'$(AppPassword)', CHECK_POLICY = ON;
ELSE
    ALTER LOGIN [$(AppLogin)] WITH PASSWORD = N'$(AppPassword)';
GO
USE [Exchange];
IF USER_ID(N'$(AppLogin)') IS NULL
    CREATE USER [$(AppLogin)] FOR LOGIN [$(AppLogin)];
ALTER ROLE db_owner ADD MEMBER [$(AppLogin)];
GO
