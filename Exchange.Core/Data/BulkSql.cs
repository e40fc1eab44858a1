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
    // SQL Server takes at most 2,100 parameters per statement and 1,000 rows per VALUES list. SQLite
    // binds each parameter by looking its name up among all of the statement's, so its cost grows
    // with the square of their number: there, many small statements are faster than a few large ones.
    public const int MaxRows = 1_000;

    public static int MaxParameters(DbContext db) => db.Database.IsSqlite() ? 120 : 2_000;

    /// <summary>How many rows of <paramref name="parametersPerRow"/> values one statement takes.</summary>
    public static int RowsPerStatement(DbContext db, int parametersPerRow) => Math.Clamp(MaxParameters(db) / parametersPerRow, 1, MaxRows);

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

    internal string Table(IEntityType entity) => sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());

    internal string Column(IProperty property) => sql.DelimitIdentifier(property.GetColumnName());

    internal IEntityType Entity<T>() => db.Model.FindEntityType(typeof(T)) ?? throw new ArgumentException($"{typeof(T).Name} is not in the model.");
}

/// <summary>Many rows in few statements, for the jobs that book thousands at once; nothing is tracked.</summary>
internal static class BulkSql
{
    /// <summary>
    /// Inserts the entities' mapped columns (the generated key left to the database), many rows per
    /// statement, converted as EF would store them (enums as their names). Returns no keys.
    /// </summary>
    public static async Task InsertAsync<T>(DbContext db, IReadOnlyCollection<T> entities, CancellationToken cancellationToken) where T : class
    {
        if (entities.Count == 0) return;
        var shape = new SqlStatement(db);
        var entity = shape.Entity<T>();
        var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).ToList();
        var head = $"INSERT INTO {shape.Table(entity)} ({string.Join(", ", columns.Select(shape.Column))}) VALUES ";
        var converters = columns.Select(p => (Getter: p.GetGetter(), p.GetTypeMapping().Converter)).ToList();

        var (statement, rows, maxParameters) = (new SqlStatement(db), new List<string>(), SqlStatement.MaxParameters(db));
        foreach (var item in entities)
        {
            if (rows.Count == SqlStatement.MaxRows || statement.Parameters + columns.Count > maxParameters)
            {
                await statement.ExecuteAsync(head + string.Join(", ", rows), cancellationToken);
                (statement, rows) = (new SqlStatement(db), []);
            }
            rows.Add("(" + string.Join(", ", converters.Select(c => statement.P(Stored(c.Getter.GetClrValue(item), c.Converter)))) + ")");
        }
        await statement.ExecuteAsync(head + string.Join(", ", rows), cancellationToken);
    }

    private static object? Stored(object? value, ValueConverter? converter) =>
        value is null || converter is null ? value : converter.ConvertToProvider(value);
}
