using Exchange.Hub.Client;
using Exchange.Tests.Infrastructure;

namespace Exchange.Tests.Hub.Client;

[Fast]
public class TransferBatchesTests
{
    [Fact]
    public void A_thousand_deposits_swept_to_the_hot_wallet_fit_in_requests_that_each_net_to_zero()
    {
        var transfers = Enumerable.Range(1, 1_000).Select(i => new HubTransfer($"user-{i}", -(1_000_000L + i))).ToList();
        transfers.Add(new HubTransfer("user-hot-wallet", -transfers.Sum(t => t.Amount)));

        var chunks = TransferBatches.Split(transfers);

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, c => Assert.True(TransferBatches.BodyBytes(c) < HubClient.MaxBodyBytes, $"{TransferBatches.BodyBytes(c)} bytes"));
        Assert.All(chunks, c => Assert.Equal(0, c.Sum(t => t.Amount)));
        Assert.All(chunks, c => Assert.Equal(c.Count, c.Select(t => t.UserId).Distinct().Count()));
        var totals = chunks.SelectMany(c => c).GroupBy(t => t.UserId).ToDictionary(g => g.Key, g => g.Sum(t => t.Amount));
        Assert.Equal(transfers.ToDictionary(t => t.UserId, t => t.Amount), totals);
    }

    [Fact]
    public void Many_payers_and_many_payees_are_paired_without_changing_anyones_total()
    {
        var random = new Random(7);
        var transfers = Enumerable.Range(0, 600).Select(i => new HubTransfer($"user-{i % 300}", random.NextInt64(-5_000_000, 5_000_000))).ToList();
        transfers.Add(new HubTransfer("balancer", -transfers.Sum(t => t.Amount)));

        var chunks = TransferBatches.Split(transfers, maxBodyBytes: 2_000);

        Assert.All(chunks, c => Assert.True(TransferBatches.BodyBytes(c) < 2_000));
        Assert.All(chunks, c => Assert.Equal(0, c.Sum(t => t.Amount)));
        var expected = transfers.GroupBy(t => t.UserId).ToDictionary(g => g.Key, g => g.Sum(t => t.Amount)).Where(p => p.Value != 0).ToDictionary();
        var actual = chunks.SelectMany(c => c).GroupBy(t => t.UserId).ToDictionary(g => g.Key, g => g.Sum(t => t.Amount));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Transfers_that_do_not_net_to_zero_are_refused() =>
        Assert.Throws<ArgumentException>(() => TransferBatches.Split([new HubTransfer("a", -5), new HubTransfer("b", 4)]));
}
