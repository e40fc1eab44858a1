using System.Security.Cryptography;
using System.Text;
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
        return events.Select(e =>
        {
            var identity = Identity(e);
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
            var identity = Identity(e);
            var digest = Digest(identity);
            var occurrence = seen[digest] = seen.GetValueOrDefault(digest) + 1;
            return new KeyedEvent(e, $"{identity}#{occurrence}");
        }

        private static UInt128 Digest(string identity)
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(Encoding.UTF8.GetBytes(identity), hash);
            return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
        }
    }

    private static string Identity(BalanceEvent e) => e switch
    {
        DepositEvent d => $"DEPOSIT:{d.UserId}:{d.Timestamp}:{d.Amount}:{d.SweepBundleHash}",
        WithdrawalEvent w => $"WITHDRAWAL:{w.UserId}:{w.Timestamp}:{w.Amount}:{w.WithdrawalUuid}",
        WithdrawalCanceledEvent c => $"WITHDRAWAL_CANCELED:{c.UserId}:{c.Timestamp}:{c.Amount}:{c.WithdrawalUuid}",
        AddressDepositEvent a => $"UA_DEPOSIT:{a.UserId}:{a.Timestamp}:{a.Address}:{a.Hash}:{a.Amount}",
        AddressSweepEvent s => $"UA_SWEEP:{s.UserId}:{s.Timestamp}:{s.Address}:{s.Hash}:{s.Amount}",
        InboundEvent i => $"INBOUND:{i.HubAddress}:{i.Timestamp}:{i.SweepBundleHash}:{i.Amount}",
        OutboundEvent o => $"OUTBOUND:{o.HubAddress}:{o.Timestamp}:{o.SweepBundleHash}:{o.Amount}",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown Hub event."),
    };
}
