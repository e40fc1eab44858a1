using System.Text;
using System.Text.Json;

namespace Exchange.Hub.Client;

/// <summary>
/// Turns any set of transfers that nets to zero into ProcessTransferBatch requests that each fit
/// Hub's 10,000-byte body limit and each net to zero on their own, so every request is valid and
/// Hub never sees a half-balanced batch.
/// </summary>
public static class TransferBatches
{
    /// <summary>
    /// Nets the transfers per user, then pairs payers with payees greedily: each step moves the
    /// smaller of the two open amounts, so a large payee (a hot wallet) is split across as many
    /// chunks as its payers fill. A chunk closes when the next pair would not fit.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<HubTransfer>> Split(IEnumerable<HubTransfer> transfers, int maxBodyBytes = HubClient.MaxBodyBytes)
    {
        var net = Net(transfers);
        if (net.Sum(t => t.Amount) != 0)
            throw new ArgumentException("The transfers do not net to zero.", nameof(transfers));

        var payers = new Queue<HubTransfer>(net.Where(t => t.Amount < 0));
        var payees = new Queue<HubTransfer>(net.Where(t => t.Amount > 0));
        var chunks = new List<IReadOnlyList<HubTransfer>>();
        var chunk = new ChunkBuilder();
        while (payers.Count > 0)
        {
            var (payer, payee) = (payers.Dequeue(), payees.Dequeue());
            var moved = Math.Min(-payer.Amount, payee.Amount);
            if (!chunk.TryAdd(payer.UserId, -moved, payee.UserId, moved, maxBodyBytes))
            {
                chunks.Add(chunk.Transfers);
                chunk = new ChunkBuilder();
                if (!chunk.TryAdd(payer.UserId, -moved, payee.UserId, moved, maxBodyBytes))
                    throw new ArgumentException($"A single transfer between {payer.UserId} and {payee.UserId} does not fit in {maxBodyBytes} bytes.", nameof(transfers));
            }
            if (payer.Amount + moved < 0) payers = Requeue(payers, payer with { Amount = payer.Amount + moved });
            if (payee.Amount - moved > 0) payees = Requeue(payees, payee with { Amount = payee.Amount - moved });
        }
        if (chunk.Transfers.Count > 0) chunks.Add(chunk.Transfers);
        return chunks;
    }

    /// <summary>The request fields: <c>transfers</c> as a real JSON array.</summary>
    public static (string Name, object? Value)[] Fields(IReadOnlyList<HubTransfer> transfers) =>
        [("transfers", transfers.Select(t => new { userId = t.UserId, amount = t.Amount }).ToArray())];

    public static int BodyBytes(IReadOnlyList<HubTransfer> transfers) =>
        Encoding.UTF8.GetByteCount(HubClient.Body("ProcessTransferBatch", Fields(transfers)));

    private static List<HubTransfer> Net(IEnumerable<HubTransfer> transfers)
    {
        var order = new List<string>();
        var sums = new Dictionary<string, long>();
        foreach (var t in transfers)
        {
            if (!sums.ContainsKey(t.UserId)) order.Add(t.UserId);
            sums[t.UserId] = checked(sums.GetValueOrDefault(t.UserId) + t.Amount);
        }
        return order.Where(u => sums[u] != 0).Select(u => new HubTransfer(u, sums[u])).ToList();
    }

    // Puts the rest of a partly moved amount back at the front.
    private static Queue<HubTransfer> Requeue(Queue<HubTransfer> queue, HubTransfer first) => new([first, .. queue]);

    private sealed class ChunkBuilder
    {
        private static readonly int EmptyBodyBytes = BodyBytes([]);
        private readonly Dictionary<string, long> amounts = [];
        private readonly List<string> order = [];
        private int bytes = EmptyBodyBytes;

        public IReadOnlyList<HubTransfer> Transfers => order.Select(u => new HubTransfer(u, amounts[u])).ToList();

        public bool TryAdd(string payer, long payerAmount, string payee, long payeeAmount, int maxBodyBytes)
        {
            // Into an empty chunk both entries are new, and the second needs a comma.
            var grown = bytes + Growth(payer, payerAmount) + Growth(payee, payeeAmount) + (order.Count == 0 ? 1 : 0);
            if (grown >= maxBodyBytes) return false;
            Add(payer, payerAmount);
            Add(payee, payeeAmount);
            bytes = grown;
            return true;
        }

        private int Growth(string user, long amount) => amounts.TryGetValue(user, out var current)
            ? EntryBytes(user, current + amount) - EntryBytes(user, current)
            : EntryBytes(user, amount) + (order.Count > 0 ? 1 : 0);

        private void Add(string user, long amount)
        {
            if (!amounts.ContainsKey(user)) order.Add(user);
            amounts[user] = amounts.GetValueOrDefault(user) + amount;
        }

        private static int EntryBytes(string user, long amount) =>
            Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(new { userId = user, amount }));
    }
}
