using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Central.Data.Storage;

/// <summary>
/// Times are always UTC. SQL Server keeps them as DATETIMEOFFSET; SQLite has no date type, so they are
/// written as fixed-width ISO-8601 text that sorts correctly as text (so <c>next_attempt_at &lt;= @now</c> works).
/// </summary>
internal sealed class SqlTime : SqlMapper.TypeHandler<DateTimeOffset>
{
    private const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new SqlTime());
        }
    }

    public static string ToSqliteText(DateTimeOffset value) =>
        value.ToUniversalTime().ToString(SqliteFormat, CultureInfo.InvariantCulture);

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = ToSqliteText(value);
        }
        else
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value.ToUniversalTime();
        }
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset offset => offset.ToUniversalTime(),
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new DataException($"Cannot read a time from a {value.GetType().Name} column value."),
    };
}
