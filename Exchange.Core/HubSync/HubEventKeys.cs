using System.IO.Hashing;
using System.Runtime.InteropServices;
using Exchange.Hub.Client;

namespace Exchange.Core.HubSync;

public sealed record KeyedEvent(BalanceEvent Event, string Key);

/// <summary>
/// Hub's events have no ids. An event is known by all its fields; identical events (two equal
/// DEPOSITs in one second) are a multiset, told apart by their occurrence number in the answer.
/// Re-reading the same window numbers them the same way, so a key, once booked, always means the
/// same event.
/// </summary>
public static class HubEventKeys
{
    public static IReadOnlyList<KeyedEvent> Number(IEnumerable<BalanceEvent> events)
    {
        var seen = new Dictionary<string, int>();
        var text = new IdentityText();
        return events.Select(e =>
        {
            var identity = new string(text.Of(e));
            var occurrence = seen[identity] = seen.GetValueOrDefault(identity) + 1;
            return new KeyedEvent(e, $"{identity}#{occurrence}");
        }).ToList();
    }

    /// <summary>
    /// Numbers events that arrive grouped by timestamp (the merged spool): identical events share
    /// their timestamp, so counting restarts at each new one and gives the keys counting over the
    /// whole answer gives. Identities are remembered by a 128-bit digest, so a second holding a
    /// million events costs tens of megabytes, not the identities themselves.
    /// </summary>
    public sealed class Numbering
    {
        private readonly Dictionary<UInt128, int> seen = [];
        private readonly IdentityText text = new();
        private long timestamp = long.MinValue;

        public KeyedEvent Key(BalanceEvent e)
        {
            if (e.Timestamp < timestamp)
                throw new ArgumentException("Events must come in time order to be numbered this way.", nameof(e));
            if (e.Timestamp != timestamp)
            {
                timestamp = e.Timestamp;
                seen.Clear();
                if (seen.EnsureCapacity(0) > 100_000) seen.TrimExcess();
            }
            var identity = text.Of(e);
            // Only this run compares digests, so they are taken of the text as it sits in memory.
            var digest = XxHash128.HashToUInt128(MemoryMarshal.AsBytes(identity));
            var occurrence = seen[digest] = seen.GetValueOrDefault(digest) + 1;
            return new KeyedEvent(e, $"{identity}#{occurrence}");
        }
    }

    // An event's identity written into one reused buffer: the key is then the only string made per event.
    private sealed class IdentityText
    {
        private char[] buffer = new char[512];

        public ReadOnlySpan<char> Of(BalanceEvent e)
        {
            int length;
            while (!TryWrite(e, buffer, out length)) buffer = new char[buffer.Length * 2];
            return buffer.AsSpan(0, length);
        }

        private static bool TryWrite(BalanceEvent e, Span<char> text, out int length) => e switch
        {
            DepositEvent d => text.TryWrite($"DEPOSIT:{d.UserId}:{d.Timestamp}:{d.Amount}:{d.SweepBundleHash}", out length),
            WithdrawalEvent w => text.TryWrite($"WITHDRAWAL:{w.UserId}:{w.Timestamp}:{w.Amount}:{w.WithdrawalUuid}", out length),
            WithdrawalCanceledEvent c => text.TryWrite($"WITHDRAWAL_CANCELED:{c.UserId}:{c.Timestamp}:{c.Amount}:{c.WithdrawalUuid}", out length),
            AddressDepositEvent a => text.TryWrite($"UA_DEPOSIT:{a.UserId}:{a.Timestamp}:{a.Address}:{a.Hash}:{a.Amount}", out length),
            AddressSweepEvent s => text.TryWrite($"UA_SWEEP:{s.UserId}:{s.Timestamp}:{s.Address}:{s.Hash}:{s.Amount}", out length),
            InboundEvent i => text.TryWrite($"INBOUND:{i.HubAddress}:{i.Timestamp}:{i.SweepBundleHash}:{i.Amount}", out length),
            OutboundEvent o => text.TryWrite($"OUTBOUND:{o.HubAddress}:{o.Timestamp}:{o.SweepBundleHash}:{o.Amount}", out length),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown Hub event."),
        };
    }
}
