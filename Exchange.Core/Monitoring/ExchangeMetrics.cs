using System.Diagnostics;
using System.Diagnostics.Metrics;
using Exchange.Core.Jobs;
using Exchange.Core.Withdrawals;
using Exchange.Hub.Client;

namespace Exchange.Core.Monitoring;

/// <summary>
/// The exchange's own meter: what moved money, what the jobs did, and the money position. Amounts
/// are in the coin's smallest unit (iotas for MIOTA). The money gauges report the operators'
/// overview as last computed (<see cref="Operations.OverviewSnapshot"/>), never a query per collection.
/// </summary>
public sealed class ExchangeMetrics
{
    public const string MeterName = "Exchange";

    private static readonly double[] Seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly Counter<long> depositsCredited;
    private readonly Counter<long> amountCredited;
    private readonly Counter<long> hubEventsRead;
    private readonly Counter<long> withdrawalTransitions;
    private readonly Counter<long> jobRuns;
    private readonly Counter<long> jobFailures;
    private readonly Histogram<double> jobDuration;
    private readonly UpDownCounter<long> liveCircuits;
    private MoneyFigures? money;
    private Func<Task>? readMoney;
    private int readingMoney;

    public ExchangeMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        depositsCredited = meter.CreateCounter<long>("exchange.deposits.credited", "{deposit}", "Deposits credited to users' balances, by coin.");
        amountCredited = meter.CreateCounter<long>("exchange.deposits.credited.amount", "{smallest_unit}", "The amount credited by deposits, by coin, in the coin's smallest unit.");
        hubEventsRead = meter.CreateCounter<long>("exchange.hub.events.read", "{event}", "Hub balance events read by the balance check, by event (the cursor's lag window is read again each run).");
        withdrawalTransitions = meter.CreateCounter<long>("exchange.withdrawals.transitions", "{withdrawal}", "Withdrawals entering a state, by the state entered.");
        jobRuns = meter.CreateCounter<long>("exchange.job.runs", "{run}", "Job runs, by job and outcome.");
        jobFailures = meter.CreateCounter<long>("exchange.job.failures", "{run}", "Job runs that failed, by job.");
        jobDuration = meter.CreateHistogram("exchange.job.duration", "s", "How long a job run took, by job and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Seconds });
        liveCircuits = meter.CreateUpDownCounter<long>("exchange.circuits.live", "{circuit}", "Blazor circuits (open pages) on this node.");
        meter.CreateObservableGauge("exchange.reconciliation.difference", () => Observe(m => m.ReconciliationDifference), "{iota}",
            "What users are owed less what Hub holds for them, once money in motion is accounted for; 0 when every iota is accounted for.");
        meter.CreateObservableGauge("exchange.hot_wallet.balance", () => Observe(m => m.HotWalletBalance), "{iota}", "The hot wallet's balance on Hub.");
    }

    public void DepositsCredited(string coin, int count, long amount)
    {
        if (count == 0) return;
        var tags = new TagList { { "coin", coin } };
        depositsCredited.Add(count, tags);
        amountCredited.Add(amount, tags);
    }

    public void HubEventsRead(IEnumerable<BalanceEvent> events)
    {
        foreach (var kind in events.GroupBy(EventName))
            hubEventsRead.Add(kind.Count(), new TagList { { "event", kind.Key } });
    }

    public void WithdrawalEntered(WithdrawalState state) => withdrawalTransitions.Add(1, new TagList { { "state", state.ToString() } });

    public void JobRan(string job, JobOutcome outcome, TimeSpan duration)
    {
        var tags = new TagList { { "job", job }, { "outcome", outcome == JobOutcome.Succeeded ? "succeeded" : "failed" } };
        jobRuns.Add(1, tags);
        jobDuration.Record(duration.TotalSeconds, tags);
        if (outcome == JobOutcome.Failed) jobFailures.Add(1, new TagList { { "job", job } });
    }

    public void CircuitOpened() => liveCircuits.Add(1);

    public void CircuitClosed() => liveCircuits.Add(-1);

    /// <summary>The figures the money gauges report from now on (the overview calls this each time it is computed with Hub reachable).</summary>
    public void RecordMoneyPosition(long hotWalletBalance, long reconciliationDifference) => money = new MoneyFigures(hotWalletBalance, reconciliationDifference);

    /// <summary>
    /// How to get the figures when none are known yet: the first collection starts it, later ones
    /// read what the overview last found (it recomputes itself after every change).
    /// </summary>
    public void ReadMoneyWith(Func<Task> read) => readMoney = read;

    private IEnumerable<Measurement<long>> Observe(Func<MoneyFigures, long> figure)
    {
        if (money is { } known) return [new Measurement<long>(figure(known))];
        StartReadingMoney();
        return [];
    }

    private void StartReadingMoney()
    {
        if (readMoney is not { } read || Interlocked.Exchange(ref readingMoney, 1) == 1) return;
        _ = Task.Run(async () =>
        {
            try
            {
                await read();
            }
            catch (Exception)
            {
                // The overview logs its own failures; the next collection tries again.
            }
            finally
            {
                Volatile.Write(ref readingMoney, 0);
            }
        });
    }

    private static string EventName(BalanceEvent e) => e switch
    {
        DepositEvent => "DEPOSIT",
        WithdrawalEvent => "WITHDRAWAL",
        WithdrawalCanceledEvent => "WITHDRAWAL_CANCELED",
        AddressDepositEvent => "UA_DEPOSIT",
        AddressSweepEvent => "UA_SWEEP",
        InboundEvent => "INBOUND",
        OutboundEvent => "OUTBOUND",
        _ => e.GetType().Name,
    };

    private sealed record MoneyFigures(long HotWalletBalance, long ReconciliationDifference);
}
