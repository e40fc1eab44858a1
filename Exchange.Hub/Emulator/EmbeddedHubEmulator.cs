using Microsoft.Extensions.Options;

namespace Exchange.Hub.Emulator;

/// <summary>
/// Registered only when this process hosts the emulator itself: what decides whether test tokens
/// and other demo-only features exist. Options cannot tell, since <c>IOptions&lt;T&gt;</c> always resolves.
/// </summary>
public sealed class EmbeddedHubEmulator(IOptions<HubEmulatorOptions> options)
{
    /// <summary>How the database records this Hub (a real Hub is recorded by its URL).</summary>
    public const string Identity = "embedded emulator";

    public Uri Url => new(options.Value.Url);
}
