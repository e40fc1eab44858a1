using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Exchange.Core.Jobs;

/// <summary>
/// The tables of Quartz's clustered job store on a server database, from the creation script that
/// ships inside the Quartz assembly, so that the schema always matches the Quartz version in use.
/// A migration creates them; the scheduler only checks they are there.
/// </summary>
public static partial class QuartzSchema
{
    /// <summary>Quartz's default table prefix, which the scheduler is left on.</summary>
    public const string TablePrefix = "QRTZ_";

    public const string PostgreSql = "create_postgres.sql";
    public const string SqlServer = "create_sqlServer.sql";

    public static void Create(MigrationBuilder migration, string script)
    {
        foreach (var statement in Statements(script))
            migration.Sql(statement);
    }

    /// <summary>Drops the tables in the reverse order of their creation (children before parents).</summary>
    public static void Drop(MigrationBuilder migration, string script)
    {
        foreach (var table in Tables(script).Reverse())
            migration.Sql($"DROP TABLE {TablePrefix}{table}");
    }

    /// <summary>The script's statements (it separates them by lines reading <c>--;;</c>), with the table prefix filled in.</summary>
    public static IReadOnlyList<string> Statements(string script) =>
        [.. Separator().Split(Read(script)).Select(s => s.Trim()).Where(HasSql).Select(s => s.Replace("{0}", TablePrefix).Replace("{1}", TablePrefix))];

    public static IEnumerable<string> Tables(string script) =>
        CreateTable().Matches(Read(script)).Select(m => m.Groups[1].Value).Distinct();

    private static string Read(string script)
    {
        var name = $"Quartz.Impl.AdoJobStore.Schema.{script}";
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The Quartz assembly has no resource {name}: the Quartz version changed where it keeps its schema.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static bool HasSql(string statement) =>
        statement.Split('\n').Any(line => line.Trim() is { Length: > 0 } text && !text.StartsWith("--", StringComparison.Ordinal));

    [GeneratedRegex(@"^--;;\s*$", RegexOptions.Multiline)]
    private static partial Regex Separator();

    [GeneratedRegex(@"CREATE TABLE (?:IF NOT EXISTS )?\{0\}(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTable();
}
