using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AutoTracker.Domain;
using AutoTracker.MultiTenancy;
using AutoTracker.TenantManagement;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MySql.Data.MySqlClient;

namespace AutoTracker.EntityFrameworkCore.Tests.MultiTenancy;

/// <summary>
/// The check of a tenant connection string on the engine of the run. Another spelling of the shared database or
/// of another tenant's database, a keyword or file the application cannot use, and a server that is not a MySQL
/// server are all field errors, never a hang or a server error.
/// </summary>
public sealed class TenantConnectionStringCheckTests(ApplicationTestHost host) : IClassFixture<ApplicationTestHost>, IDisposable
{
    private readonly List<TestDatabase> _databases = [];
    private readonly List<string> _paths = [];

    [Fact]
    public async Task SqliteSharedDatabase_OtherSpellings_AreRejected()
    {
        if (TestDatabase.RunsOnMySql)
        {
            return;
        }

        var sharedPath = Path.GetFullPath(new SqliteConnectionStringBuilder(host.ConnectionString).DataSource);
        var link = NewTempPath(".db");
        File.CreateSymbolicLink(link, sharedPath);
        var linkedFolder = NewTempPath("");
        Directory.CreateSymbolicLink(linkedFolder, Path.GetDirectoryName(sharedPath)!);

        foreach (var spelling in new[] { link, "/proc/self/root" + sharedPath, Path.Join(linkedFolder, Path.GetFileName(sharedPath)) })
        {
            var message = await CheckFailsAsync($"Data Source={spelling}");
            message.ShouldContain("shared database", Case.Insensitive, spelling);
        }
    }

    [Theory]
    [InlineData("Password=secret", "Password")]
    [InlineData("Foreign Keys=False", "Foreign Keys")]
    [InlineData("Vfs=unix-none", "Vfs")]
    [InlineData("Recursive Triggers=True", "Recursive Triggers")]
    [InlineData("Default Timeout=-1", "Default Timeout")]
    public async Task SqliteKeyword_NotAllowed_IsNamed(string setting, string keyword)
    {
        if (TestDatabase.RunsOnMySql)
        {
            return;
        }

        var path = NewTempPath(".db");

        var message = await CheckFailsAsync($"Data Source={path};{setting}");

        message.ShouldContain(keyword);
        message.ShouldNotContain("secret");
        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public async Task SqliteDataSource_NotDatabaseFile_IsRejected()
    {
        if (TestDatabase.RunsOnMySql)
        {
            return;
        }

        var folder = NewTempPath("");
        Directory.CreateDirectory(folder);
        var textFile = NewTempPath(".txt");
        await File.WriteAllTextAsync(textFile, "not a database, but long enough to have a header");

        (await CheckFailsAsync("Data Source=/dev/null")).ShouldContain("/dev");
        (await CheckFailsAsync("Data Source=/proc/self/environ")).ShouldContain("/proc");
        (await CheckFailsAsync($"Data Source={folder}")).ShouldContain("folder");
        (await CheckFailsAsync($"Data Source={textFile}")).ShouldContain("not a SQLite database");
        (await File.ReadAllTextAsync(textFile)).ShouldBe("not a database, but long enough to have a header");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.1")]
    [InlineData("0177.0.0.1")]
    public async Task MySqlSharedDatabase_OtherHostSpellings_AreRejected(string server)
    {
        if (!TestDatabase.RunsOnMySql)
        {
            return;
        }

        var shared = new MySqlConnectionStringBuilder(host.ConnectionString) { Server = server };

        var message = await CheckFailsAsync(shared.ConnectionString);

        message.ShouldContain("shared database");
    }

    [Fact]
    public async Task MySqlDatabaseNameOtherCase_IsNotTheSharedDatabase()
    {
        if (!TestDatabase.RunsOnMySql || await ReadServerVariableAsync("@@lower_case_table_names") != "0")
        {
            // Only a server that distinguishes database names by case has a different database under AT_.
            return;
        }

        var shared = new MySqlConnectionStringBuilder(host.ConnectionString);
        shared.Database = shared.Database.ToUpperInvariant();

        var message = await CheckFailsAsync(shared.ConnectionString);

        // The test user's rights cover at_* only, so the server rejects AT_* before it looks for the database.
        message.ShouldNotContain("shared database");
    }

    [Theory]
    [InlineData("Server=127.0.0.1;Database='unclosed;User ID=a", "not valid")]
    [InlineData("Server=127.0.0.1;Database=x;Connect Timeout=-5", "Connect Timeout")]
    [InlineData("Server=127.0.0.1;Database=x;Default Command Timeout=-1", "Default Command Timeout")]
    [InlineData("Server=127.0.0.1,127.0.0.2;Database=x", "one server")]
    [InlineData("Server=127.0.0.1;Database=x;Protocol=Unix", "TCP")]
    public async Task MySqlMalformed_IsFieldError(string connectionString, string expected)
    {
        if (!TestDatabase.RunsOnMySql)
        {
            return;
        }

        (await CheckFailsAsync(connectionString)).ShouldContain(expected);
    }

    [Fact]
    public async Task MySqlDatabaseNotUtf8mb4_IsRejected()
    {
        if (!TestDatabase.RunsOnMySql)
        {
            return;
        }

        var database = new MySqlConnectionStringBuilder(NewDatabase().ConnectionString);
        await ExecuteAsync(database.ConnectionString, $"ALTER DATABASE `{database.Database}` CHARACTER SET latin1 COLLATE latin1_swedish_ci");

        var message = await CheckFailsAsync(database.ConnectionString);

        message.ShouldContain("latin1");
        message.ShouldContain("utf8mb4");
    }

    [Fact]
    public async Task MySqlSilentServer_FailsWithinSeconds()
    {
        if (!TestDatabase.RunsOnMySql)
        {
            return;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var accepting = new CancellationTokenSource();
        var acceptedClients = new List<TcpClient>();
        var accepter = AcceptAsync(listener, client => acceptedClients.Add(client), accepting.Token);
        var stopwatch = Stopwatch.StartNew();

        var message = await CheckFailsAsync(ConnectionStringFor(listener));

        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        message.ShouldContain("No MySQL server answered");
        await accepting.CancelAsync();
        await accepter;
        acceptedClients.ForEach(client => client.Dispose());
    }

    [Fact]
    public async Task MySqlGarbageServer_IsRejected()
    {
        if (!TestDatabase.RunsOnMySql)
        {
            return;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var accepting = new CancellationTokenSource();
        var accepter = AcceptAsync(
            listener,
            client =>
            {
                client.GetStream().Write("HTTP/1.1 400 Bad Request\r\n\r\n"u8);
                client.Dispose();
            },
            accepting.Token);

        var message = await CheckFailsAsync(ConnectionStringFor(listener));

        message.ShouldContain("not a MySQL or MariaDB server");
        await accepting.CancelAsync();
        await accepter;
    }

    [Fact]
    public async Task OtherTenantDatabase_IsRejectedWithItsName()
    {
        var database = NewDatabase();
        var name = $"oth{Guid.NewGuid():N}"[..20];
        await host.InTenantAsync(null, async sp =>
        {
            var manager = sp.GetRequiredService<ITenantDatabaseManager>();
            var prepared = await manager.CheckConnectionStringAsync(database.ConnectionString, "connectionString", tenantId: null, CancellationToken.None);
            var tenant = new Tenant(Guid.NewGuid(), name);
            tenant.SetProtectedConnectionString(manager.Protect(prepared));
            sp.GetRequiredService<IRepository<Tenant>>().Insert(tenant);
            await sp.GetRequiredService<IUnitOfWork>().SaveChangesAsync(CancellationToken.None);
            return tenant.Id;
        });
        var otherSpelling = OtherSpelling(database.ConnectionString);

        var message = await CheckFailsAsync(otherSpelling);

        message.ShouldContain(name);
    }

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            database.Dispose();
        }

        foreach (var path in _paths)
        {
            if (Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null)
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
    }

    private async Task<string> CheckFailsAsync(string connectionString)
    {
        var error = await host.InTenantAsync(null, sp => Should.ThrowAsync<InputValidationException>(() =>
            sp.GetRequiredService<ITenantDatabaseManager>().CheckConnectionStringAsync(connectionString, "connectionString", tenantId: null, CancellationToken.None)));
        return error.Errors["connectionString"].Single();
    }

    /// <summary>Returns a connection string for the same database that differs in text: a symbolic link on SQLite, localhost on MySQL.</summary>
    private string OtherSpelling(string connectionString)
    {
        if (TestDatabase.RunsOnMySql)
        {
            return new MySqlConnectionStringBuilder(connectionString) { Server = "localhost" }.ConnectionString;
        }

        var link = NewTempPath(".db");
        File.CreateSymbolicLink(link, new SqliteConnectionStringBuilder(connectionString).DataSource);
        return $"Data Source={link}";
    }

    private TestDatabase NewDatabase()
    {
        var database = TestDatabase.Create();
        _databases.Add(database);
        return database;
    }

    private string NewTempPath(string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"autotracker-check-{Guid.NewGuid():N}{extension}");
        _paths.Add(path);
        return path;
    }

    private static string ConnectionStringFor(TcpListener listener) =>
        $"Server=127.0.0.1;Port={((IPEndPoint)listener.LocalEndpoint).Port};Database=nowhere;User ID=nobody;Password=nothing;SslMode=Disabled;Connect Timeout=2";

    private static async Task AcceptAsync(TcpListener listener, Action<TcpClient> handle, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                handle(await listener.AcceptTcpClientAsync(cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<string?> ReadServerVariableAsync(string variable)
    {
        await using var connection = new MySqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {variable}";
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
