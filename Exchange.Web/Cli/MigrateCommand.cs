using Exchange.Core.Data;
using Exchange.Web.Accounts;
using Microsoft.Extensions.Options;

namespace Exchange.Web.Cli;

/// <summary>
/// <c>migrate</c>: creates the configured database when the server has none of that name, brings
/// it to this build's schema and creates the start-up data (the demo accounts when enabled), then exits. Run once before starting or upgrading nodes
/// that have <c>Database:MigrateOnStart</c> off.
/// </summary>
public static class MigrateCommand
{
    public const string Verb = "migrate";

    public const string CommandLine = $"dotnet Exchange.Web.dll {Verb}";

    /// <summary>What a node whose database is behind says: run this verb first.</summary>
    public static string RunFirst(string problem) =>
        $"{problem} Database:MigrateOnStart is off, so run `{CommandLine}` once first (in docker-compose the migrate service does), then start the nodes.";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        var provider = services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
        MigrationOutcome migrated;
        try
        {
            migrated = await migrator.MigrateAsync();
        }
        catch (DatabaseNotReadyException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }

        await using var scope = services.CreateAsyncScope();
        DemoAccountsOutcome demo;
        try
        {
            demo = await scope.ServiceProvider.GetRequiredService<DemoAccounts>().EnsureAsync(output);
        }
        catch (OptionsValidationException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        var applied = migrated.Applied;
        var schema = applied.Count == 0
            ? $"The {provider} database was already up to date ({migrator.NewestMigration()})"
            : $"{(migrated.CreatedDatabase ? $"Created the {provider} database and migrated it" : $"Migrated the {provider} database")}: applied {applied.Count} migration(s), the newest {applied[^1]}";
        await output.WriteLineAsync($"{schema}; {Describe(demo)}.");
        return 0;
    }

    private static string Describe(DemoAccountsOutcome demo) => demo switch
    {
        DemoAccountsOutcome.Created => "demo accounts created",
        DemoAccountsOutcome.AlreadyThere => "the database has users, no demo accounts added",
        _ => "demo accounts off",
    };
}
