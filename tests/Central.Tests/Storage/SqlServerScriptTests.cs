using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Central.Tests.Storage;

/// <summary>
/// No SQL Server runs here, so Microsoft's own T-SQL parser checks every SQL Server script the service can
/// run: each migration file, and each SQL string in the code except the SQLite side of Database.Sql(sqlite:, sqlServer:).
/// The scripts are found by reading the source, so a new one cannot slip past.
/// </summary>
public sealed partial class SqlServerScriptTests
{
    public static TheoryData<string, string> Scripts()
    {
        var data = new TheoryData<string, string>();
        foreach (var (where, sql) in MigrationScripts().Concat(CodeScripts()))
        {
            data.Add(where, sql);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Parses_as_TSql160(string where, string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);

        parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, $"{where}:\n" + string.Join("\n", errors.Select(e => $"  line {e.Line}, column {e.Column}: {e.Message}")));
    }

    [Fact]
    public void Finds_the_scripts_it_must_check()
    {
        var code = CodeScripts().ToList();

        Assert.NotEmpty(MigrationScripts());
        Assert.Contains(code, s => s.Where.Contains("Migrations.cs", StringComparison.Ordinal) && s.Sql.Contains("sp_getapplock", StringComparison.Ordinal));
        Assert.DoesNotContain(code, s => s.Sql.Contains("sqlite_master", StringComparison.Ordinal));
    }

    [Fact]
    public void The_parser_rejects_SQLite_only_syntax()
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader("INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING RETURNING a");

        parser.Parse(reader, out var errors);

        Assert.NotEmpty(errors);
    }

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Central.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("Central.sln not found above the test output folder.");
    }

    private static IEnumerable<(string Where, string Sql)> MigrationScripts()
    {
        var root = RepositoryRoot();
        return Directory.EnumerateFiles(Path.Combine(root, "Central.Data", "Migrations", "SqlServer"), "*.sql")
            .Order(StringComparer.Ordinal)
            .Select(file => (Path.GetRelativePath(root, file), File.ReadAllText(file)));
    }

    private static IEnumerable<(string Where, string Sql)> CodeScripts()
    {
        var root = RepositoryRoot();
        var sources = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !Path.GetRelativePath(root, f).StartsWith("tests", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in sources)
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file));
            foreach (var literal in tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>())
            {
                if (!literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.Token.ValueText is not { } text
                    || !SqlStart().IsMatch(text) || IsSqliteSide(literal))
                {
                    continue;
                }
                var line = literal.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                yield return ($"{Path.GetRelativePath(root, file)}:{line}", text);
            }
        }
    }

    /// <summary>The first argument of Database.Sql(...), or one named sqlite:, is SQLite's alone.</summary>
    private static bool IsSqliteSide(LiteralExpressionSyntax literal)
    {
        if (literal.Parent is not ArgumentSyntax argument || argument.Parent is not ArgumentListSyntax list
            || list.Parent is not InvocationExpressionSyntax invocation)
        {
            return false;
        }
        var method = invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax name => name.Identifier.ValueText,
            _ => "",
        };
        if (method != "Sql")
        {
            return false;
        }
        return argument.NameColon is { } named ? named.Name.Identifier.ValueText == "sqlite" : list.Arguments.IndexOf(argument) == 0;
    }

    // SQL keywords are written in capitals here, which keeps "delete my data" (a command word) out of the SQL.
    [GeneratedRegex(@"^\s*(SELECT|INSERT|UPDATE|DELETE|MERGE|WITH|CREATE|ALTER|DROP|IF|EXEC|DECLARE|BEGIN|SET)\s+\S")]
    private static partial Regex SqlStart();
}
