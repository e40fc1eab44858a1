using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Exchange.Core.Data;

/// <summary>
/// One parameterised statement of plain SQL that SQLite, PostgreSQL and SQL Server all run, with
/// table and column names taken from the EF model and quoted the provider's way (PostgreSQL folds
/// unquoted names to lower case). Equal values share one parameter.
/// </summary>
internal sealed class SqlStatement(DbContext db)
{
    private readonly ISqlGenerationHelper sql = db.GetService<ISqlGenerationHelper>();
    private readonly List<object> values = [];
    private readonly Dictionary<object, int> index = [];

    public int Parameters => values.Count;

    public string Table<T>() => Table(Entity<T>());

    public string Column<T>(string property) => sql.DelimitIdentifier(Entity<T>().FindProperty(property)!.GetColumnName());

    /// <summary>A placeholder for the value (NULL for null).</summary>
    public string P(object? value)
    {
        if (value is null) return "NULL";
        if (!index.TryGetValue(value, out var i))
        {
            index[value] = i = values.Count;
            values.Add(value);
        }
        return $"{{{i}}}";
    }

    public string List<TValue>(IEnumerable<TValue> items) => string.Join(", ", items.Select(v => P(v)));

    public Task<int> ExecuteAsync(string statement, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync(statement, values, cancellationToken);

    public Task<List<TRow>> QueryAsync<TRow>(string statement, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<TRow>(statement, [.. values]).ToListAsync(cancellationToken);

    public string Delimit(string name) => sql.DelimitIdentifier(name);

    /// <summary>
    /// The rows as a table <c>r</c> with columns <c>r.c0</c>, <c>r.c1</c>, ... typed as the
    /// properties of <typeparamref name="T"/> they are stored in or compared with, and <c>r.n</c>,
    /// the row's position. A fixed number of parameters however many rows: one JSON parameter
    /// (SQLite binds parameters by name, quadratic in their number; SQL Server takes 2,100), or on
    /// PostgreSQL one array per column.
    /// </summary>
    public string Rows<T>(IReadOnlyList<string> properties, IEnumerable<IReadOnlyList<object?>> rows) =>
        Rows(properties.Select(p => Entity<T>().FindProperty(p)!).ToList(), rows);

    internal string Rows(IReadOnlyList<IProperty> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var names = columns.Select((_, i) => $"c{i}").ToList();
        // SQLite finds an array's element by position, an object's member by a search of its names, so
        // rows go as arrays there (docs/benchmarks.md, section 1). jsonb_each hands each row on in SQLite's
        // binary JSON, so json_extract does not parse the row's text again for every column. The JSON is
        // bound as UTF-8 bytes and read as text: no string of the whole batch for the driver to encode again.
        if (db.Database.IsSqlite())
            return $"(SELECT key AS n, {string.Join(", ", names.Select((c, i) => $"json_extract(value, '$[{i}]') AS {c}"))} FROM jsonb_each(CAST({P(JsonRows.WriteArrays(db, rows))} AS TEXT))) AS r";
        if (db.Database.IsNpgsql())
            return Unnest(columns, rows.ToList());
        var json = P(JsonRows.Write(db, rows));
        var types = columns.Select(c => c.GetColumnType()).ToList();
        return $"OPENJSON({json}) WITH (n int '$.n', {string.Join(", ", names.Select((c, i) => $"{c} {types[i]} '$.{c}'"))}) AS r";
    }

    // Typed arrays travel in Npgsql's binary format: nothing for the server to parse as JSON and convert from text.
    private string Unnest(IReadOnlyList<IProperty> columns, List<IReadOnlyList<object?>> rows)
    {
        var arrays = columns.Select((column, i) =>
        {
            var type = column.GetTypeMapping().Converter?.ProviderClrType ?? column.ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            var array = Array.CreateInstance(type.IsValueType ? typeof(Nullable<>).MakeGenericType(type) : type, rows.Count);
            for (var r = 0; r < rows.Count; r++)
                array.SetValue(rows[r][i] is DateTime { Kind: DateTimeKind.Unspecified } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : rows[r][i], r);
            return $"CAST({P(array)} AS {column.GetColumnType()}[])";
        });
        return $"unnest({string.Join(", ", arrays)}) WITH ORDINALITY AS r({string.Join(", ", columns.Select((_, i) => $"c{i}"))}, n)";
    }

    internal string Table(IEntityType entity) => sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());

    internal string Column(IProperty property) => sql.DelimitIdentifier(property.GetColumnName());

    internal IEntityType Entity<T>() => db.Model.FindEntityType(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not in the model.");
}

/// <summary>A row <see cref="BulkSql.InsertReturningAsync{T}"/> inserted: its generated key and the column asked for.</summary>
public sealed record InsertedRow(long Id, string Value);

/// <summary>Many rows in few statements, for the jobs that book thousands at once; nothing is tracked.</summary>
public static class BulkSql
{
    /// <summary>
    /// Inserts the entities' mapped columns (the generated key left to the database) in one
    /// statement, in their order, converted as EF would store them (enums as their names). Returns no keys.
    /// </summary>
    public static async Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> entities, CancellationToken cancellationToken = default) where T : class
    {
        if (entities.Count == 0) return;
        var sql = new SqlStatement(db);
        var (into, select) = Insert(sql, entities);
        await sql.ExecuteAsync($"{into} {select}", cancellationToken);
    }

    /// <summary>
    /// Inserts as <see cref="InsertAsync{T}"/>, and returns each new row's generated key with its
    /// <paramref name="alongside"/> column (a text), in no particular order: no second read by key.
    /// </summary>
    public static async Task<List<InsertedRow>> InsertReturningAsync<T>(DbContext db, IReadOnlyCollection<T> entities, string alongside, CancellationToken cancellationToken = default) where T : class
    {
        if (entities.Count == 0) return [];
        var sql = new SqlStatement(db);
        var (into, select) = Insert(sql, entities);
        var entity = sql.Entity<T>();
        var (key, value) = (sql.Column(entity.FindPrimaryKey()!.Properties[0]), sql.Column(entity.FindProperty(alongside)!));
        var (id, text) = (sql.Delimit(nameof(InsertedRow.Id)), sql.Delimit(nameof(InsertedRow.Value)));
        var statement = db.Database.IsSqlServer()
            ? $"{into} OUTPUT inserted.{key} AS {id}, inserted.{value} AS {text} {select}"
            : $"{into} {select} RETURNING {key} AS {id}, {value} AS {text}";
        return await sql.QueryAsync<InsertedRow>(statement, cancellationToken);
    }

    private static (string Into, string Select) Insert<T>(SqlStatement sql, IReadOnlyCollection<T> entities) where T : class
    {
        var entity = sql.Entity<T>();
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).ToList();
        var converters = columns.Select(p => (Getter: p.GetGetter(), p.GetTypeMapping().Converter)).ToList();
        var rows = sql.Rows(columns, entities.Select(item => converters.Select(c => Stored(c.Getter.GetClrValue(item), c.Converter)).ToList()));
        return ($"INSERT INTO {sql.Table(entity)} ({string.Join(", ", columns.Select(sql.Column))})",
            $"SELECT {string.Join(", ", columns.Select((_, i) => $"r.c{i}"))} FROM {rows} ORDER BY r.n");
    }

    private static object? Stored(object? value, ValueConverter? converter) =>
        value is null || converter is null ? value : converter.ConvertToProvider(value);
}

/// <summary>
/// Rows as a JSON array of objects (n, c0, c1, ...), or of arrays (c0, c1, ...), values written as
/// each database reads them back from JSON.
/// </summary>
internal static class JsonRows
{
    public static string Write(DbContext db, IEnumerable<IReadOnlyList<object?>> rows) => Json(db, rows, named: true, Encoding.UTF8.GetString);

    /// <summary>The rows as arrays, in UTF-8.</summary>
    public static byte[] WriteArrays(DbContext db, IEnumerable<IReadOnlyList<object?>> rows) => Json(db, rows, named: false, utf8 => utf8.ToArray());

    // The written JSON is handed to take, which copies it out of the buffer in the form the caller binds.
    private static T Json<T>(DbContext db, IEnumerable<IReadOnlyList<object?>> rows, bool named, Func<ReadOnlySpan<byte>, T> take)
    {
        var date = new DateText(db.Database.IsSqlite() ? "yyyy-MM-dd HH:mm:ss.FFFFFFF" // as EF stores DateTime in SQLite
            : db.Database.IsNpgsql() ? "yyyy-MM-ddTHH:mm:ss.FFFFFFF'Z'" : "yyyy-MM-ddTHH:mm:ss.FFFFFFF");
        var buffer = Interlocked.Exchange(ref spare, null) ?? new ArrayBufferWriter<byte>(1 << 16);
        try
        {
            using (var json = new Utf8JsonWriter(buffer))
                Write(json, rows, named, date);
            return take(buffer.WrittenSpan);
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity <= KeptBufferBytes) Volatile.Write(ref spare, buffer);
        }
    }

    // One spare buffer serves batch after batch: no chain of ever larger arrays per statement (each a
    // large-object allocation, which the server GC pays for with a full collection). A writer that finds
    // it taken makes its own; one grown past a usual batch is not kept, so at most 8 MB stays.
    private const int KeptBufferBytes = 8 << 20;

    private static ArrayBufferWriter<byte>? spare;

    private static void Write(Utf8JsonWriter json, IEnumerable<IReadOnlyList<object?>> rows, bool named, DateText date)
    {
        json.WriteStartArray();
        var n = 0;
        foreach (var row in rows)
        {
            if (named)
            {
                json.WriteStartObject();
                json.WriteNumber("n", n++);
            }
            else
                json.WriteStartArray();
            for (var i = 0; i < row.Count; i++)
            {
                if (named) json.WritePropertyName(Names[i]);
                Value(json, row[i], date);
            }
            if (named) json.WriteEndObject();
            else json.WriteEndArray();
        }
        json.WriteEndArray();
    }

    private static readonly string[] Names = [.. Enumerable.Range(0, 64).Select(i => $"c{i}")];

    private static void Value(Utf8JsonWriter json, object? value, DateText date)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case long l: json.WriteNumberValue(l); break;
            case int i: json.WriteNumberValue(i); break;
            case bool b: json.WriteBooleanValue(b); break;
            case decimal d: json.WriteNumberValue(d); break;
            case DateTime t: json.WriteStringValue(date.Of(t)); break;
            default: throw new NotSupportedException($"A {value.GetType().Name} cannot be passed as a JSON row.");
        }
    }

    // A batch's rows mostly share one moment (the batch's "now"): it is formatted once, not per row.
    private sealed class DateText(string format)
    {
        private DateTime? last;
        private string text = "";

        public string Of(DateTime value)
        {
            if (value != last) (last, text) = (value, value.ToString(format, CultureInfo.InvariantCulture));
            return text;
        }
    }
}
