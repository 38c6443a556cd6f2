using System.Text;
using Grains.Identity;
using Grains.Interfaces.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Tests.Identity;

/// <summary>What grain storage holds of passwords and refresh tokens, read straight from the SQLite file.</summary>
public sealed class StoredSecretsTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ApiFactory _api;

    public StoredSecretsTests() => _api = new ApiFactory(IdentityApiFactory.Settings(new Dictionary<string, string?> { ["Storage:DataDirectory"] = _data.Path }));

    [Fact]
    public async Task The_stored_password_hash_names_algorithm_and_parameters_and_never_the_password()
    {
        const string password = "a very particular password";
        var user = await TestUsers.SignUpAsync(_api.CreateClient(), password: password);

        var rows = await StoredRowsAsync();
        var userRow = Assert.Single(rows, r => r.Contains(user.Email, StringComparison.Ordinal));
        Assert.Matches(@"\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}", userRow);
        Assert.All(rows, r => Assert.DoesNotContain(password, r));
    }

    [Fact]
    public async Task Refresh_tokens_are_stored_only_as_hashes()
    {
        var user = await TestUsers.SignUpAsync(_api.CreateClient());
        KeyedSecretToken.TryParse(user.RefreshToken, out _, out var secret);

        var rows = await StoredRowsAsync();
        Assert.All(rows, r =>
        {
            Assert.DoesNotContain(user.RefreshToken, r);
            Assert.DoesNotContain(Convert.ToBase64String(secret), r);
            Assert.DoesNotContain(Convert.ToHexString(secret), r, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task A_login_replaces_a_hash_made_with_weaker_parameters()
    {
        _api.CreateClient();
        var grains = _api.Services.GetRequiredService<IGrainFactory>();
        var user = new NewUser(Guid.NewGuid(), $"{Guid.NewGuid():N}@example.com", null,
            PasswordHasher.Hash(TestUsers.DefaultPassword, new Argon2Parameters(8192, 1, 1)), DateTimeOffset.UtcNow);
        Assert.True(await grains.GetGrain<IEmailIndexGrain>(user.Email).TryRegisterAsync(user));

        var login = await _api.CreateClient().PostAsJsonAsync("/auth/login", new { email = user.Email, password = TestUsers.DefaultPassword });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var stored = await grains.GetGrain<IUserGrain>(user.Id).BeginLogInAsync();
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", stored.PasswordHash);
    }

    private async Task<List<string>> StoredRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_data.Path, "platform.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Payload FROM GrainState WHERE Payload IS NOT NULL";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(Encoding.UTF8.GetString((byte[])reader[0]));
        Assert.NotEmpty(rows);
        return rows;
    }

    public void Dispose()
    {
        _api.Dispose();
        _data.Dispose();
    }
}
