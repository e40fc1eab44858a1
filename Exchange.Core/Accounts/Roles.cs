namespace Exchange.Core.Accounts;

public static class Roles
{
    /// <summary>Runs the exchange: sees every user, the Hub, the jobs and the hot wallet.</summary>
    public const string Operator = "Operator";
}
