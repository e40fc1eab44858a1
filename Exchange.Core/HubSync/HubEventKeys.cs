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
