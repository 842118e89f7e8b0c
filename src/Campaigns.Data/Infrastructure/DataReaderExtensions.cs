using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;

namespace Campaigns.Data.Infrastructure;

/// <summary>Dapper runs the commands; rows are mapped by hand so both providers' column types read the same way.</summary>
internal static class DataReaderExtensions
{
    public static async Task<List<T>> QueryListAsync<T>(
        this DbConnection connection, string sql, object? param, Func<DbDataReader, T> map, DbTransaction? transaction = null, CancellationToken cancellationToken = default)
    {
        var result = new List<T>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, param, transaction, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(map(reader));
        }

        return result;
    }

    public static async IAsyncEnumerable<T> QueryStreamAsync<T>(
        this DbConnection connection, string sql, object? param, Func<DbDataReader, T> map, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, param, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return map(reader);
        }
    }

    public static DateTimeOffset GetTime(this DbDataReader reader, string column)
    {
        var value = reader[column];
        return value switch
        {
            DateTimeOffset dto => dto,
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            _ => throw new InvalidCastException($"Column {column} holds {value?.GetType().Name ?? "null"}, not a time."),
        };
    }

    public static DateTimeOffset? GetTimeOrNull(this DbDataReader reader, string column) =>
        reader[column] is DBNull ? null : reader.GetTime(column);

    public static string GetText(this DbDataReader reader, string column) => reader[column] is string s ? s : "";

    public static long GetInt64(this DbDataReader reader, string column) => Convert.ToInt64(reader[column], CultureInfo.InvariantCulture);

    public static TEnum GetEnum<TEnum>(this DbDataReader reader, string column)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(reader.GetText(column), ignoreCase: true);

    public static string ToDb<TEnum>(this TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
