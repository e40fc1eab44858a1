using StackExchange.Redis;

namespace Exchange.Web.LiveUpdates;

public sealed class LiveUpdatesOptions
{
    public const string Section = "Events";

    /// <summary>A StackExchange.Redis connection string; unset, events reach only the pages of the node that published them.</summary>
    public string? Redis { get; set; }

    /// <summary>How often a live page reads again while Redis is unreachable.</summary>
    public TimeSpan FallbackRefresh { get; set; } = TimeSpan.FromSeconds(5);

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);

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
