namespace Exchange.Benchmarks.Harness;

/// <summary>The <c>--provider</c> and <c>--database</c> options every benchmark of the exchange's store takes.</summary>
internal sealed record BenchmarkDatabase(string Provider, string? PostgresServer)
{
    public const string Usage = """
          --provider sqlite|postgres   the exchange's database (default sqlite: a file in a temporary folder)
          --database "<connection>"    for postgres: a connection string of a user who may create databases
                                       (default: the EXCHANGE_POSTGRES environment variable); a fresh database
                                       is created, migrated and dropped at the end
        """;

    public static BenchmarkDatabase Read(VerbArguments arguments)
    {
        var provider = arguments.Choice("provider", "sqlite", "sqlite", "postgres");
        var server = arguments.Text("database", Environment.GetEnvironmentVariable(BenchmarkStore.PostgresVariable) is { Length: > 0 } set ? set : null);
        if (provider == "postgres" && server is null)
            arguments.Problem($"--provider postgres needs --database \"<superuser connection string>\" or {BenchmarkStore.PostgresVariable} set");
        return new BenchmarkDatabase(provider, server);
    }

    public Task<BenchmarkStore> OpenAsync(string folder) =>
        Provider == "postgres" ? BenchmarkStore.PostgresAsync(PostgresServer!) : BenchmarkStore.SqliteAsync(folder);
}
