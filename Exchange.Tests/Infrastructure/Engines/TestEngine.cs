namespace Exchange.Tests.Infrastructure.Engines;

/// <summary>The database engines the exchange's suites run on here (SQL Server cannot run on this machine).</summary>
public enum TestEngine
{
    Sqlite,
    PostgreSql,
}
