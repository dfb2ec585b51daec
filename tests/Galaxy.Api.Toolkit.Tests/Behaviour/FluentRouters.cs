using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>A body checked by DataAnnotations (generated) and by a FluentValidation validator of the user's.</summary>
public sealed class Signup
{
    [Required, MaxLength(20)]
    public string? Login { get; init; }

    public string? Nickname { get; init; }

    public int Age { get; init; }

    public List<string> Tags { get; init; } = [];

    public Contact? Contact { get; init; }
}

/// <summary>A nested value with its own validator.</summary>
public sealed record Contact(string? Phone);

/// <summary>Something the validator needs from DI.</summary>
public interface IReservedLogins
{
    bool IsReserved(string login);
}

public sealed class ReservedLogins : IReservedLogins
{
    public bool IsReserved(string login) => login == "admin";
}

/// <summary>
/// The user's validator: constant rules go to the document, the others are reported (GAT0016, suppressed here since
/// the test expects it).
/// </summary>
public sealed class SignupValidator : AbstractValidator<Signup>
{
    public SignupValidator(IReservedLogins? reserved = null)
    {
        RuleFor(x => x.Nickname).NotEmpty().MaximumLength(10);
        RuleFor(x => x.Age).InclusiveBetween(13, 120);
        RuleForEach(x => x.Tags).MaximumLength(5);
#pragma warning disable GAT0016 // rules a schema cannot state are reported; this test expects exactly these
        RuleFor(x => x.Login).Must(login => login is null || reserved is null || !reserved.IsReserved(login)).WithMessage("Login is reserved");
        RuleFor(x => x.Nickname).MustAsync(async (nickname, cancellationToken) =>
        {
            await Task.Yield();
            return nickname != "taken";
        }).WithMessage("Nickname is taken");
#pragma warning restore GAT0016
        RuleFor(x => x.Contact!).SetValidator(new ContactValidator());
    }
}

public sealed class ContactValidator : AbstractValidator<Contact>
{
    public ContactValidator() => RuleFor(x => x.Phone).Matches("^[0-9+ ]+$");
}

[ApiRouter("fluent", Public = true)]
public static class FluentApi
{
    [Post("/behaviour/fluent/signup")]
    public static string Signup(Signup signup) => "welcome " + signup.Login;
}
