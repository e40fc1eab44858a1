namespace Exchange.Hub.Emulator.State;

/// <summary>
/// Rows that are only ever appended, each with a time. Added to under the emulator's lock; read
/// without it up to a count taken under it (an answer streamed while other commands run), which is
/// safe because the chunks never move once written. While times never go backwards (the usual
/// case) a "newer than" read starts at a binary search instead of scanning everything.
/// </summary>
public sealed class EventLog<T>(Func<T, long> timeOf) where T : class
{
    private const int ChunkSize = 4096;
    private T[][] chunks = new T[16][];
    private int count;
    private int firstOutOfOrder = int.MaxValue;

    public int Count => Volatile.Read(ref count);

    public T this[int index] => Volatile.Read(ref chunks)[index / ChunkSize][index % ChunkSize];

    public void Add(T item)
    {
        var n = count;
        if (n > 0 && firstOutOfOrder == int.MaxValue && timeOf(item) < timeOf(this[n - 1])) Volatile.Write(ref firstOutOfOrder, n);
        if (n / ChunkSize == chunks.Length)
        {
            var grown = new T[chunks.Length * 2][];
            Array.Copy(chunks, grown, chunks.Length);
            Volatile.Write(ref chunks, grown);
        }
        (chunks[n / ChunkSize] ??= new T[ChunkSize])[n % ChunkSize] = item;
        Volatile.Write(ref count, n + 1);
    }

    /// <summary>The first <paramref name="snapshot"/> rows in the order they were added, from the first one at or after <paramref name="newerThan"/> when sorted.</summary>
    public IEnumerable<T> InOrderAdded(long newerThan, int snapshot)
    {
        var start = IsSorted(snapshot) ? FirstAtOrAfter(newerThan, snapshot) : 0;
        for (var i = start; i < snapshot; i++)
            if (timeOf(this[i]) >= newerThan) yield return this[i];
    }

    /// <summary>As <c>Where(at &gt;= newerThan).OrderBy(at)</c> over the first <paramref name="snapshot"/> rows: a stable sort by time.</summary>
    public IEnumerable<T> ByTime(long newerThan, int snapshot)
    {
        if (IsSorted(snapshot)) return InOrderAdded(newerThan, snapshot);
        return Enumerable.Range(0, snapshot).Where(i => timeOf(this[i]) >= newerThan).OrderBy(i => timeOf(this[i])).Select(i => this[i]);
    }

    public IEnumerable<T> All() => InOrderAdded(long.MinValue, Count);

    private bool IsSorted(int snapshot) => snapshot <= Volatile.Read(ref firstOutOfOrder);

    private int FirstAtOrAfter(long time, int snapshot)
    {
        int low = 0, high = snapshot;
        while (low < high)
        {
            var mid = low + (high - low) / 2;
            if (timeOf(this[mid]) < time) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
