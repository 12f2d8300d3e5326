using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace AutoTracker.EntityFrameworkCore.MySql;

/// <summary>
/// Translates <c>string.StartsWith(string)</c> into a plain <c>LIKE 'prefix%'</c> that compares with the column's
/// collation. MySql.EntityFrameworkCore 10.0.12 adds <c>LEFT(column, n) = prefix COLLATE utf8mb4_bin</c>, which
/// makes every prefix search case- and accent-sensitive, so "jeep" did not find a Jeep on MySQL while it did on
/// SQLite. The prefix's <c>%</c> and <c>_</c> are escaped with <c>!</c>, not MySQL's default backslash, because
/// the provider writes a backslash into SQL text without escaping it.
/// </summary>
public sealed class CollationAwareStartsWithTranslator(ISqlExpressionFactory sql) : IMethodCallTranslator
{
    public const string EscapeCharacter = "!";

    private static readonly MethodInfo StartsWith = typeof(string).GetRuntimeMethod(nameof(string.StartsWith), [typeof(string)])!;

    public SqlExpression? Translate(
        SqlExpression? instance, MethodInfo method, IReadOnlyList<SqlExpression> arguments, IDiagnosticsLogger<DbLoggerCategory.Query> logger)
    {
        if (instance is null || !method.Equals(StartsWith))
        {
            return null;
        }

        var prefix = arguments[0];
        var pattern = prefix is SqlConstantExpression { Value: string text }
            ? sql.Constant(EscapeLike(text) + "%", prefix.TypeMapping)
            : sql.Function(
                "CONCAT",
                [Replace(Replace(Replace(prefix, "!", "!!"), "%", "!%"), "_", "!_"), sql.Constant("%", prefix.TypeMapping)],
                nullable: true,
                argumentsPropagateNullability: [true, false],
                typeof(string),
                prefix.TypeMapping);
        return sql.Like(instance, pattern, sql.Constant(EscapeCharacter, prefix.TypeMapping));
    }

    /// <summary>Escapes the characters that LIKE treats specially with <see cref="EscapeCharacter"/>.</summary>
    public static string EscapeLike(string text) =>
        text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);

    private SqlExpression Replace(SqlExpression text, string from, string to) =>
        sql.Function(
            "REPLACE",
            [text, sql.Constant(from, text.TypeMapping), sql.Constant(to, text.TypeMapping)],
            nullable: true,
            argumentsPropagateNullability: [true, false, false],
            typeof(string),
            text.TypeMapping);
}

/// <summary>Offers <see cref="CollationAwareStartsWithTranslator"/> to EF Core ahead of the provider's own translators.</summary>
public sealed class CollationAwareStartsWithPlugin(ISqlExpressionFactory sql) : IMethodCallTranslatorPlugin
{
    public IEnumerable<IMethodCallTranslator> Translators { get; } = [new CollationAwareStartsWithTranslator(sql)];
}

/// <summary>Registers <see cref="CollationAwareStartsWithPlugin"/> in the DbContext's internal services.</summary>
public sealed class CollationAwareStartsWithExtension : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services) =>
        new EntityFrameworkRelationalServicesBuilder(services).TryAdd<IMethodCallTranslatorPlugin, CollationAwareStartsWithPlugin>();

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "using collation-aware StartsWith ";

        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["AutoTracker:CollationAwareStartsWith"] = "1";
    }
}
