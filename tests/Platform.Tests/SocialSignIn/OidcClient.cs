namespace Platform.Tests.SocialSignIn;

/// <summary>A client registered at the test provider. <see cref="Tamper"/> ("nonce" or "signature") makes its token endpoint misbehave.</summary>
public sealed record OidcClient(string ClientId, string ClientSecret, IReadOnlyList<string> RedirectUris, string? Tamper = null)
{
    public Dictionary<string, object> ToJson()
    {
        var json = new Dictionary<string, object>
        {
            ["client_id"] = ClientId,
            ["client_secret"] = ClientSecret,
            ["redirect_uris"] = RedirectUris,
        };
        if (Tamper is not null)
            json["tamper"] = Tamper;
        return json;
    }
}
