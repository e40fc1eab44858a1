using Exchange.Web.Accounts;

namespace Exchange.Web.Cli;

/// <summary><c>create-operator --email E --password P</c>: a login in the Operator role.</summary>
public static class CreateOperatorCommand
{
    public const string Verb = "create-operator";
    public static readonly string[] OptionNames = ["email", "password"];

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyDictionary<string, string?> options, TextWriter output, TextWriter error)
    {
        var email = options.GetValueOrDefault("email");
        var password = options.GetValueOrDefault("password");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            await error.WriteLineAsync("create-operator needs both --email and --password, e.g. create-operator --email ops@example.com --password 'S3cure-pass'");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<OperatorAccounts>().CreateAsync(email, password, isOperator: true);
        if (!result.Succeeded)
        {
            await error.WriteLineAsync($"Operator not created: {string.Join(" ", result.Errors)}");
            return 1;
        }
        await output.WriteLineAsync($"Operator {email} created.");
        return 0;
    }
}
