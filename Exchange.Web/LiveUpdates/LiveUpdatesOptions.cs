using StackExchange.Redis;

namespace Exchange.Web.LiveUpdates;

public sealed class LiveUpdatesOptions
{
    public const string Section = "Events";

    /// <summary>A StackExchange.Redis connection string; unset, events reach only the pages of the node that published them.</summary>
    public string? Redis { get; set; }

    /// <summary>
    /// The secret every node seals its backplane messages with and checks others' against (at least
    /// <see cref="MinimumSigningKeyLength"/> characters, the same on every node). Required with
    /// <see cref="Redis"/> outside Development; without it messages travel unsealed.
    /// </summary>
    public string? SigningKey { get; set; }

    public const int MinimumSigningKeyLength = 32;

    /// <summary>How often a live page reads again while Redis is unreachable.</summary>
    public TimeSpan FallbackRefresh { get; set; } = TimeSpan.FromSeconds(5);

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

    internal bool SigningKeyIsValidIn(IHostEnvironment environment) =>
        string.IsNullOrEmpty(SigningKey) ? !UsesRedis || environment.IsDevelopment() : SigningKey.Length >= MinimumSigningKeyLength;

    internal bool RedisIsValid()
    {
        if (!UsesRedis) return true;
        try
        {
            return ConfigurationOptions.Parse(Redis!).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
