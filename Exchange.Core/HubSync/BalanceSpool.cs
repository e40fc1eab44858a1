using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Exchange.Hub.Client;

namespace Exchange.Core.HubSync;

/// <summary>
/// One BalanceSubscription answer, streamed to temporary files so that its size never sits in
/// memory. Hub sends its groups one after the other, each in time order but not merged by time;
/// the spool keeps UA_DEPOSIT, UA_SWEEP and USER_ACCOUNT events apart and hands them back merged
/// by timestamp, and within a timestamp in the order the balance check needs them: a deposit seen,
/// then the sweep that names its address, then the credit. HUB_ADDRESS events concern no user and
/// are only counted.
/// </summary>
internal sealed class BalanceSpool : IDisposable
{
    private readonly SpoolFile seen = new(r => new AddressDepositEvent(r.ReadString(), r.ReadInt64(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadInt64()));
    private readonly SpoolFile swept = new(r => new AddressSweepEvent(r.ReadString(), r.ReadInt64(), r.ReadString(), r.ReadString(), r.ReadString(), r.ReadInt64()));
    private readonly SpoolFile credited = new(r => r.ReadByte() switch
    {
        0 => new DepositEvent(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadString()),
        1 => new WithdrawalEvent(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadString()),
        _ => new WithdrawalCanceledEvent(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadString()),
    });

    public int EventsRead { get; private set; }

    private BalanceSpool() { }

    /// <summary>Reads the whole answer to disk; <paramref name="hubAddressEvents"/> hears the ones that are not spooled, a few at a time.</summary>
    public static async Task<BalanceSpool> ReadAsync(IAsyncEnumerable<BalanceEvent> answer, Action<IReadOnlyList<BalanceEvent>> hubAddressEvents, CancellationToken cancellationToken)
    {
        var spool = new BalanceSpool();
        try
        {
            var others = new List<BalanceEvent>();
            await foreach (var e in answer.WithCancellation(cancellationToken))
            {
                spool.EventsRead++;
                switch (e)
                {
                    case AddressDepositEvent: spool.seen.Write(e); break;
                    case AddressSweepEvent: spool.swept.Write(e); break;
                    case UserAccountEvent: spool.credited.Write(e); break;
                    default:
                        others.Add(e);
                        if (others.Count < 1_000) break;
                        hubAddressEvents(others);
                        others = [];
                        break;
                }
            }
            if (others.Count > 0) hubAddressEvents(others);
            return spool;
        }
        catch
        {
            spool.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The merged events, keyed, in batches of about <paramref name="size"/>: a batch ends where the
    /// timestamp changes, and only a single timestamp holding more than twice that many is split.
    /// </summary>
    private IEnumerable<IReadOnlyList<KeyedEvent>> Batches(int size)
    {
        var numbering = new HubEventKeys.Numbering();
        var batch = new List<KeyedEvent>(size);
        foreach (var e in Merged())
        {
            if (batch.Count >= size && (e.Timestamp != batch[^1].Event.Timestamp || batch.Count >= 2 * size))
            {
                yield return batch;
                batch = new List<KeyedEvent>(size);
            }
            batch.Add(numbering.Key(e));
        }
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>
    /// <see cref="Batches"/>, each merged and keyed on another thread while the caller books the one
    /// before it. Stopping early (a batch that failed) stops that thread before this returns.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<KeyedEvent>> BatchesAheadAsync(int size, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ready = Channel.CreateBounded<IReadOnlyList<KeyedEvent>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var making = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in Batches(size)) await ready.Writer.WriteAsync(batch, stop.Token);
                ready.Writer.Complete();
            }
            catch (Exception e)
            {
                ready.Writer.Complete(e);
            }
        }, CancellationToken.None);
        try
        {
            await foreach (var batch in ready.Reader.ReadAllAsync(cancellationToken))
                yield return batch;
        }
        finally
        {
            await stop.CancelAsync();
            await making;
        }
    }

    private IEnumerable<BalanceEvent> Merged()
    {
        var sources = new[] { seen.Read().GetEnumerator(), swept.Read().GetEnumerator(), credited.Read().GetEnumerator() };
        var heads = sources.Select(s => s.MoveNext() ? s.Current : null).ToArray();
        while (true)
        {
            var next = -1;
            for (var i = 0; i < heads.Length; i++)
                if (heads[i] is { } head && (next < 0 || head.Timestamp < heads[next]!.Timestamp))
                    next = i;
            if (next < 0) yield break;
            yield return heads[next]!;
            heads[next] = sources[next].MoveNext() ? sources[next].Current : null;
        }
    }

    public void Dispose()
    {
        seen.Dispose();
        swept.Dispose();
        credited.Dispose();
    }

    /// <summary>One kind of event in a compact binary temporary file, deleted when closed; written once, read once, in time order.</summary>
    private sealed class SpoolFile : IDisposable
    {
        private readonly FileStream file = new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose | FileOptions.SequentialScan);
        private readonly BinaryWriter writer;
        private readonly Func<BinaryReader, BalanceEvent> readOne;
        private long last = long.MinValue;

        public SpoolFile(Func<BinaryReader, BalanceEvent> readOne) => (writer, this.readOne) = (new BinaryWriter(file), readOne);

        public void Write(BalanceEvent e)
        {
            if (e.Timestamp < last)
                throw new HubTransportException("BalanceSubscription", $"unexpected answer from Hub: a {e.GetType().Name} at {e.Timestamp} after one at {last}; each group must be in time order");
            last = e.Timestamp;
            switch (e)
            {
                case UserAddressEvent a:
                    writer.Write(a.UserId); writer.Write(a.Timestamp); writer.Write(a.Address); writer.Write(a.Hash); writer.Write(a.Message); writer.Write(a.Amount);
                    break;
                case DepositEvent d:
                    Account(0, d, d.SweepBundleHash);
                    break;
                case WithdrawalEvent w:
                    Account(1, w, w.WithdrawalUuid);
                    break;
                case WithdrawalCanceledEvent c:
                    Account(2, c, c.WithdrawalUuid);
                    break;
            }
        }

        private void Account(byte kind, UserAccountEvent e, string reference)
        {
            writer.Write(kind); writer.Write(e.UserId); writer.Write(e.Timestamp); writer.Write(e.Amount); writer.Write(reference);
        }

        public IEnumerable<BalanceEvent> Read()
        {
            writer.Flush();
            file.Position = 0;
            using var reader = new BinaryReader(file, System.Text.Encoding.UTF8, leaveOpen: true);
            var length = file.Length; // asked once: on a file open for writing each call asks the system
            while (file.Position < length)
                yield return readOne(reader);
        }

        public void Dispose()
        {
            writer.Dispose();
            file.Dispose();
        }
    }
}
