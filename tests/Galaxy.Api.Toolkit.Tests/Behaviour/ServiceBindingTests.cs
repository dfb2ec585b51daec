using System.Net;
using System.Text;

namespace Galaxy.Api.Toolkit.Tests.Behaviour;

/// <summary>Services and request context values handed to operations, over HTTP.</summary>
public sealed class ServiceBindingTests(BehaviourHost host) : IClassFixture<BehaviourHost>
{
    [Fact]
    public async Task Constructor_attribute_and_inferred_services_are_the_request_s_scoped_instance()
    {
        var first = await host.Client.GetReplyAsync("/behaviour/services");
        var second = await host.Client.GetReplyAsync("/behaviour/services");

        // One scoped counter per request, shared by the router's constructor and both parameters: 1, 2, 3 each time.
        const string Expected = """{"from_constructor":1,"from_attribute":2,"inferred":3,"same_instance":true,"red":"red","blue":"blue","missing":null}""";
        first.AssertOk(Expected);
        second.AssertOk(Expected);
    }

    [Fact]
    public async Task Concurrent_requests_each_get_their_own_scope()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => host.Client.GetReplyAsync("/behaviour/services")));

        Assert.All(replies, static reply => Assert.Equal("1", reply.Raw("from_constructor")));
        Assert.All(replies, static reply => Assert.Equal("3", reply.Raw("inferred")));
    }

    [Fact]
    public async Task The_router_of_the_original_suite_is_created_per_request()
    {
        var first = await host.Client.GetReplyAsync("/scoped/next");
        var second = await host.Client.GetReplyAsync("/scoped/next");

        first.AssertOk("1");
        second.AssertOk("1");
    }

    [Fact]
    public async Task Context_values_are_the_request_s()
    {
        using var content = new StringContent(string.Empty, Encoding.UTF8, "text/plain");
        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/services/context/5", content, ("x-probe", "probe-value"));

        reply.AssertOk("""{"path":"/behaviour/services/context/5","method":"POST","probe":"probe-value","same_request":true,"authenticated":false,"user_name":null,"can_be_canceled":true}""");
        Assert.Equal("42", reply.Headers.GetValues("x-answer").Single());
    }

    [Fact]
    public async Task The_claims_principal_is_the_authenticated_user()
    {
        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/services/context/1", null, ("x-api-key", BehaviourUsers.UserKey));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("true", reply.Raw("authenticated"));
        Assert.Equal("\"alice\"", reply.Raw("user_name"));
    }

    [Fact]
    public async Task Context_parameters_do_not_hide_the_validation_of_other_values()
    {
        var reply = await host.Client.SendAsync(HttpMethod.Post, "/behaviour/services/context/abc");

        reply.AssertValidation(400008, """["path","id"] int_parsing""");
    }
}
