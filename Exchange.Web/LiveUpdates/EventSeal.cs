using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Exchange.Web.LiveUpdates;

/// <summary>
/// Seals backplane messages with <c>Events:SigningKey</c>, which every node shares and Redis never
/// sees: the time it was sent, a nonce, and an HMAC-SHA256 of both and the message. A node opens
/// only messages sealed with the key, sent within <see cref="MaxAge"/> of its own clock, and not seen
/// before, so whoever reaches Redis can neither forge an event nor replay one to make every node
/// drop caches or reload pages. Without a key (Development only) messages travel as they are.
/// </summary>
public sealed class EventSeal(string? signingKey, TimeProvider time)
{
    /// <summary>How far a message's time may be from the receiver's clock (the nodes' clocks must agree to within this).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(10);

    private readonly byte[]? key = string.IsNullOrEmpty(signingKey) ? null : Encoding.UTF8.GetBytes(signingKey);
    private readonly ConcurrentDictionary<string, long> seen = new(StringComparer.Ordinal);
    private long nextPrune;

    public string Seal(string message)
    {
        if (key is null) return message;
        var header = $"{time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}";
        return $"{header}.{Convert.ToBase64String(Mac(key, header, message))}.{message}";
    }

    /// <summary>The message inside <paramref name="text"/>, or null with <paramref name="refused"/> saying why.</summary>
    public string? Open(string text, out string refused)
    {
        refused = "";
        if (key is null) return text;
        var parts = text.Split('.', 4);
        var signature = new byte[HMACSHA256.HashSizeInBytes];
        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt)
            || !Convert.TryFromBase64String(parts[2], signature, out var length) || length != signature.Length)
            refused = "not sealed";
        else if (!CryptographicOperations.FixedTimeEquals(signature, Mac(key, $"{parts[0]}.{parts[1]}", parts[3])))
            refused = "a wrong signature";
        else if (Math.Abs(Now - sentAt) > (long)MaxAge.TotalMilliseconds)
            refused = "sent too long ago, or the nodes' clocks disagree";
        else if (!seen.TryAdd(parts[1], sentAt + (long)MaxAge.TotalMilliseconds))
            refused = "a replay";
        if (refused.Length > 0) return null;
        PruneNow();
        return parts[3];
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private static byte[] Mac(byte[] key, string header, string message) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{header}.{message}"));

    // Nonces are kept as long as their message could still pass the age check.
    private void PruneNow()
    {
        var now = Now;
        var due = Interlocked.Read(ref nextPrune);
        if (now < due || Interlocked.CompareExchange(ref nextPrune, now + (long)PruneInterval.TotalMilliseconds, due) != due) return;
        foreach (var (nonce, expires) in seen)
            if (expires < now) seen.TryRemove(nonce, out _);
    }
}
