using Exchange.Hub.Emulator.State;
using Exchange.Hub.Emulator.Wire;

namespace Exchange.Hub.Emulator;

// ProcessTransferBatch (PROTOCOL.md §2.17).
public sealed partial class HubEmulator
{
    private HubObject ProcessTransferBatch(HubRequest request)
    {
        if (request.Children("transfers") is not { } transfers) return HubObject.Error(HubError.MissingArgument);

        var net = new Dictionary<string, long>();
        var order = new List<string>();
        foreach (var transfer in transfers)
        {
            var userId = transfer.String("userId");
            var amount = transfer.String("amount") is { } text ? HubRequest.ParseStrictInt64(text) : null;
            if (userId is null || amount is null) return HubObject.Error(HubError.MissingArgument);
            if (!net.ContainsKey(userId)) order.Add(userId);
            net[userId] = net.GetValueOrDefault(userId) + amount.Value;
        }

        if (order.Any(u => state.User(u) is null)) return HubObject.Error(HubError.UserDoesNotExist);
        if (net.Values.Any(v => v == 0)) return HubObject.Error(HubError.BatchInvalid);
        if (net.Values.Sum() != 0) return HubObject.Error(HubError.BatchAmountNotZero);
        if (order.Any(u => state.BalanceOf(u) + net[u] < 0)) return HubObject.Error(HubError.BatchInconsistent);

        var now = Now();
        foreach (var userId in order)
            state.AddAccountEvent(new UserAccountEventRow { UserId = userId, Amount = net[userId], Reason = net[userId] > 0 ? AccountReason.Buy : AccountReason.Sell, At = now });
        return new HubObject();
    }
}
