namespace Api.Content;

/// <summary>The body of add_post and remove_post.</summary>
public sealed record PostReference(string? PostId)
{
    /// <summary>Post ids are Guids; their canonical text is the grain key, whatever case the client wrote.</summary>
    public string? Key() => Guid.TryParse(PostId, out var id) ? id.ToString() : PostId;
}
