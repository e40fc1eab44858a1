using System.Runtime.CompilerServices;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Outside Development the app does not start without <c>ProofOfLiabilities:SigningKeyPath</c>.
/// Every host the tests start, in this process or as a child process (which inherits the
/// environment), signs with the test vectors' key unless the test sets the setting itself.
/// </summary>
internal static class TestSigningKey
{
    public const string Variable = "ProofOfLiabilities__SigningKeyPath";

    public static string PrivateKeyPath => Fixtures.PathOf("proof-of-liabilities/signing-key.pem");

    public static string PublicKeyPath => Fixtures.PathOf("proof-of-liabilities/public-key.pem");

    [ModuleInitializer]
    internal static void ForEveryHost() => Environment.SetEnvironmentVariable(Variable, PrivateKeyPath);
}
