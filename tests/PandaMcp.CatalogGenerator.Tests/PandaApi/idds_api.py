from pandaserver.api.v1.common import generate_response, request_validation

_logger = PandaLogger().getLogger("api_idds")


def decode_idds_enum(d):
    # routable by URL, but not an endpoint
    return d


@request_validation(_logger, secure=True, request_method="POST")
def relay_idds_command(req, command_name: str, args: str = None, kwargs: str = None, manager: bool = False):
    # no docstring at all
    return generate_response(True)
