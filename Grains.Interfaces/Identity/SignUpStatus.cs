namespace Grains.Interfaces.Identity;

[GenerateSerializer, Alias("SignUpStatus")]
public enum SignUpStatus
{
    Created,
    EmailTaken,
    Invalid,
}
