using Exchange.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Exchange.Tests.Infrastructure.Engines;

/// <summary>
/// A SQLite file this process migrated once; each test's store starts as a copy of it, which costs
/// a file copy instead of a migration (the app at start then finds nothing to apply).
/// </summary>
internal static class SqliteTemplate
{
    private static readonly Lazy<string> Path = new(Migrate);

    public static void CopyTo(string path) => File.Copy(Path.Value, path);

    private static string Migrate()
    {
        var folder = new TempFolder();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => folder.Dispose();
        var path = System.IO.Path.Combine(folder.Path, "template.db");
        // No pooling: closing the only connection writes the WAL back into the file, so a copy of the file is whole.
        var options = new DbContextOptionsBuilder<SqliteExchangeDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString).Options;
        using var db = new SqliteExchangeDbContext(options);
        db.Database.Migrate();
        db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
        return path;
    }
}
