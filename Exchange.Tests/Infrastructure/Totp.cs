using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Infrastructure;

/// <summary>RFC 6238 codes as an authenticator app computes them from the shared key Identity shows.</summary>
public static class Totp
{
    // The exchange accepts codes two steps either side of now, each once: this hands out each step once per key,
    // never the oldest step still accepted, so a code stays good for at least one more step while a test types it.
    private const int Window = 2;
    private const int OldestIssued = Window - 1;
    private static readonly ConcurrentDictionary<string, long> LastStepIssued = new();

    public static string Code(string base32Key, DateTimeOffset now) => CodeAt(base32Key, now.ToUnixTimeSeconds() / 30);

    /// <summary>
    /// A code the exchange has not seen yet for this key: each call a later time step. When the
    /// window is used up it waits for the next step (or moves a fake clock on to it).
    /// </summary>
    public static string Next(string base32Key, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var step = LastStepIssued.AddOrUpdate(base32Key, _ => Step(clock) - OldestIssued, (_, last) => Math.Max(last + 1, Step(clock) - OldestIssued));
        while (step > Step(clock) + Window)
        {
            if (clock is FakeTimeProvider fake) fake.Advance(TimeSpan.FromSeconds(30));
            else Thread.Sleep(TimeSpan.FromSeconds(1));
        }
        return CodeAt(base32Key, step);
    }

    private static long Step(TimeProvider clock) => clock.GetUtcNow().ToUnixTimeSeconds() / 30;

    private static string CodeAt(string base32Key, long step)
    {
        var key = Base32Decode(base32Key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant());
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian) Array.Reverse(counter);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6");
    }

    private static byte[] Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c);
            bits += 5;
            if (bits < 8) continue;
            bytes.Add((byte)(buffer >> (bits - 8)));
            bits -= 8;
        }
        return bytes.ToArray();
    }
}
