using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Exchange.Benchmarks.Harness;
using Exchange.Core.Coins;
using Exchange.Core.Ledger;
using Exchange.Hub.Client;

namespace Exchange.Benchmarks.Deposits;

/// <summary>How the guide's one transfer batch fared: its size, and what Hub did with it, first time and sent again.</summary>
internal sealed record GuideBatch(int Transfers, int Bytes, string? Failure, string? FailureAgain);

/// <summary>
/// The original IOTA Hub guide's "fakexchange" <c>check_changes</c>, on the same workload: for every
/// active user one CreateUser (a "User exist" answer ignored) and one GetBalance, what is new
/// credited to the user with one ledger posting, then ONE ProcessTransferBatch of everyone's balance
/// to its hot wallet. The batch is sent as the guide's client sends it, whatever its size.
/// </summary>
internal static class GuideBaseline
{
    public const string HotWallet = "guide-hot-wallet";

    public static async Task<(RunFigures Figures, GuideBatch Batch)> RunAsync(
        IServiceProvider services, Uri hubAddress, HubCallCounter counter, IReadOnlyList<string> hubUsers, string prefix, long deposits)
    {
        var hub = services.GetRequiredService<IHubClient>();
        var ledger = services.GetRequiredService<LedgerService>();
        counter.Reset();
        await using var memory = WorkingSetSampler.Start();
        var clock = Stopwatch.StartNew();
        var transfers = new List<HubTransfer>();
        long credited = 0;
        foreach (var user in hubUsers)
        {
            await hub.CreateUserAsync(user);
            var balance = await hub.GetBalanceAsync(user);
            if (balance <= 0) continue;
            var posted = await ledger.ApplyAsync(LedgerChange.Deposit(ExchangeSeeder.ExchangeUserOf(prefix, user), CoinSymbols.Iota, balance, "check_changes", $"guide:{user}:{balance}"));
            if (!posted.Succeeded) throw new InvalidOperationException($"The ledger refused the guide's credit of {user}: {posted.Message}");
            credited += balance;
            transfers.Add(new HubTransfer(user, -balance));
        }
        var crediting = clock.Elapsed;
        await hub.CreateUserAsync(HotWallet);
        transfers.Add(new HubTransfer(HotWallet, credited));
        var body = HubClient.Body("ProcessTransferBatch", TransferBatches.Fields(transfers));
        var counting = counter.Handler();
        counting.InnerHandler = new SocketsHttpHandler();
        using var raw = new HttpClient(counting) { BaseAddress = hubAddress, Timeout = TimeSpan.FromSeconds(120) };
        var failure = await SendAsync(raw, body);
        var moving = clock.Elapsed - crediting;
        var calls = counter.Total;
        var peak = await memory.StopAsync();
        // What every later run would do: the same batch (grown by whatever arrived since) again.
        var again = failure is null ? null : await SendAsync(raw, body);
        var figures = new RunFigures("guide", hubUsers.Count, deposits, transfers.Count - 1, credited, failure is null ? credited : 0, null, crediting, moving, calls, peak);
        return (figures, new GuideBatch(transfers.Count, Encoding.UTF8.GetByteCount(body), failure, again));
    }

    /// <summary>Null when Hub applied the batch; else what went wrong.</summary>
    private static async Task<string?> SendAsync(HttpClient raw, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-IOTA-API-Version", "1");
        try
        {
            using var response = await raw.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode && !text.Contains("\"error\"", StringComparison.Ordinal) ? null : $"Hub answered HTTP {(int)response.StatusCode}: {text}";
        }
        catch (HttpRequestException e)
        {
            return $"Hub closed the connection without an answer ({e.Message})";
        }
    }
}
