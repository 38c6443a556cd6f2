using System.Security.Claims;
using Api.Identity;
using Grains.Interfaces.Content;

namespace Api.Content;

/// <summary>What a request on one post or collection carries: its id, the caller and the caller's If-Match.</summary>
public readonly record struct ResourceRequest(Guid Id, ClaimsPrincipal User, HttpRequest Request, IGrainFactory Grains)
{
    public string Key() => Id.ToString();

    public Guid CallerId() => User.UserId();

    public IfMatch? IfMatch() => IfMatchHeader.Parse(Request);
}
