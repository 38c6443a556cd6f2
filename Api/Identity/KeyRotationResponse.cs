namespace Api.Identity;

/// <summary>The generation a rotation started: its key ids, and when it starts signing.</summary>
public sealed record KeyRotationResponse(string SigningKid, string EncryptionKid, DateTime SignsFrom);
