using Exchange.Hub.Emulator.State;
using Exchange.Hub.Emulator.Wire;

namespace Exchange.Hub.Emulator;

/// <summary>Thrown where the real Hub would terminate: the transport closes the connection without a response.</summary>
public sealed class HubCrashException(string reason) : Exception(reason);

/// <summary>
/// Hub's commands and background services over a simulated Tangle. Every command and tick runs
/// under one lock (Hub's concurrency is out of scope); the rows a change added or changed are
/// written after it, and nothing when nothing changed. The long lists are written out after the
/// lock is released, from a snapshot taken under it.
/// </summary>
public sealed partial class HubEmulator : IDisposable
{
    private readonly Lock gate = new();
    private readonly EmulatorStore? store;
    private readonly TimeProvider time;
    private readonly Dictionary<string, Func<HubRequest, EmulatorAnswer>> commands;
    private readonly EmulatorState state = new();

    public HubEmulator(HubEmulatorOptions options, TimeProvider time)
    {
        Options = options;
        this.time = time;
        if (options.Persist)
        {
            store = new EmulatorStore(options.DatabasePath);
            store.Load(state);
        }
        else state.Changes.Recording = false;
        commands = new()
        {
            ["GetStats"] = _ => GetStats(),
            ["CreateUser"] = r => CreateUser(r),
            ["GetDepositAddress"] = r => GetDepositAddress(r),
            ["GetBalance"] = r => GetBalance(r),
            ["GetAddressInfo"] = r => GetAddressInfo(r),
            ["GetUserHistory"] = GetUserHistory,
            ["SweepDetail"] = SweepDetail,
            ["SweepInfo"] = r => SweepInfo(r),
            ["UserWithdraw"] = r => UserWithdraw(r),
            ["UserWithdrawCancel"] = r => UserWithdrawCancel(r),
            ["WasWithdrawalCancelled"] = r => WasWithdrawalCancelled(r),
            ["WasAddressSpentFrom"] = r => WasAddressSpentFrom(r),
            ["SweepSubscription"] = SweepSubscription,
            ["BalanceSubscription"] = BalanceSubscription,
            ["ProcessTransferBatch"] = r => ProcessTransferBatch(r),
            ["SignBundle"] = r => SignBundle(r),
            ["RecoverFunds"] = r => RecoverFunds(r),
            ["GetSeedForAddress"] = r => GetSeedForAddress(r),
            ["GetSeedForUUID"] = r => GetSeedForUuid(r),
        };
    }

    public HubEmulatorOptions Options { get; }

    internal EmulatorFaults Faults { get; } = new();

    public bool IsCommand(string name) => commands.ContainsKey(name);

    /// <summary>Runs a registered command; the answer is always HTTP 200.</summary>
    public string Execute(string command, HubRequest request) => Answer(command, request).ToJson();

    /// <summary>Runs a registered command under the lock; a list answer is produced when it is written.</summary>
    public EmulatorAnswer Answer(string command, HubRequest request) =>
        Change(() => Faults.TakeError(command) is { } error ? HubObject.Error(error) : commands[command](request));

    public void AddFault(Fault fault) => Faults.Add(fault);

    internal T Read<T>(Func<EmulatorState, T> read)
    {
        lock (gate) return read(state);
    }

    private T Change<T>(Func<T> change)
    {
        lock (gate)
        {
            try
            {
                return change();
            }
            finally
            {
                store?.Write(state);
                state.Changes.Clear();
            }
        }
    }

    public void Dispose()
    {
        lock (gate) store?.Dispose();
    }

    /// <summary>Now in ms since the epoch; whole seconds unless configured otherwise, as MariaDB stores them.</summary>
    private long Now()
    {
        var ms = time.GetUtcNow().ToUnixTimeMilliseconds();
        return Options.MillisecondTimestamps ? ms : ms - ms % 1000;
    }
}
