using Microsoft.Data.Sqlite;

namespace Exchange.Core.Data;

public static class SqliteConnectionStrings
{
    /// <summary>Makes the data source absolute (against <paramref name="contentRoot"/>) and creates its folder.</summary>
    public static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
            return builder.ToString();

        var path = Path.GetFullPath(builder.DataSource, contentRoot);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.DataSource = path;
        return builder.ToString();
    }
}
