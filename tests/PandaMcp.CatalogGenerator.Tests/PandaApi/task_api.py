"""
Task endpoints of a small test server.

Written for the catalog generator's tests, in the shape of PanDA's own API modules.
"""

from typing import Any, Dict, List

from pandaserver.api.v1.common import generate_response, request_validation
from pandaserver.srvcore.panda_request import PandaRequest

_logger = PandaLogger().getLogger("api_task")

global_task_buffer = None


def init_task_buffer(task_buffer) -> None:
    """
    Set the task buffer up. Routable in name only: the server never lists it.
    """
    global global_task_buffer
    global_task_buffer = task_buffer


def _read_status(task_id: int) -> str:
    """A private helper, never an endpoint."""
    return "running"


@request_validation(_logger, secure=True, request_method="POST", task_owner=True, task_buffer=lambda: global_task_buffer)
def retry(
    req: PandaRequest,
    task_id: int,
    new_parameters: Dict | str = None,  # a dict, or the same dict as a JSON string
    no_child_retry: bool = False,
    discard_events: bool = False,
) -> Dict[str, Any]:
    """
    Task retry

    Retry a task that ended badly. The owner may retry it,
    and so may anyone with the production role.

    API details:
        HTTP Method: POST
        Path: /v1/task/retry

    Args:
        req(PandaRequest): internally generated request object
        task_id(int): JEDI task ID
        new_parameters(Dict, optional): parameters to change for the rerun.
            They are merged into the existing ones.
        no_child_retry(bool, optional): if True, the child tasks are left alone. Defaults to False
        discard_events (bool, optional): if True, processed events are thrown away. Defaults to False

    Returns:
        dict: The system response `{"success": success, "message": message, "data": data}`.
        The data field holds the return code.
    """
    return generate_response(True, data=0)


@request_validation(_logger, secure=True, request_method="GET")
def get_status(req, task_id):
    """
    Get the status of a task

    API details:
        HTTP Method: GET
        Path: /v1/task/get_status

    Args:
        req(PandaRequest): internally generated request object
        task_id: JEDI task ID, taken as text

    Returns:
        dict: The system response with the status in the data field.
    """
    return generate_response(True, data=_read_status(task_id))


@request_validation(_logger, secure=True, request_method="GET")
def get_datasets_and_files(req: PandaRequest, task_id, dataset_types: List[str] = ("input", "pseudo_input"), dataset_only: bool = False) -> Dict[str, Any]:
    """
    Get datasets and files

    Lists the files of a task's datasets. The answer looks like:
    ```
    [
        {"dataset": {"name": name, "id": id}, "files": [...]}
    ]
    ```

    API details:
        HTTP Method: GET
        Path: /v1/task/get_datasets_and_files

    Args:
        req(PandaRequest): internally generated request object
        task_id: JEDI task ID
        dataset_types(List[str], optional): dataset types to include
        dataset_only(bool, optional): leave the files out

    Returns:
        dict: The system response.
    """
    return generate_response(True, data=[])


@request_validation(_logger, secure=True, production=True, request_method="POST")
def kill_unfinished_jobs(req: PandaRequest, task_id: int, code: int = None, use_email_as_id: bool = False) -> Dict[str, Any]:
    """
    Kill the unfinished jobs of a task

    API details:
        HTTP Method: POST
        Path: /v1/task/kill_unfinished_jobs

    Args:
        req(PandaRequest): internally generated request object
        task_id(int): JEDI task ID
        code(int, optional): the kill code
        use_email_as_id(bool, optional): identify the user by e-mail address

    Returns:
        dict: The system response.
    """
    return generate_response(True, data=[True])


@request_validation(_logger, secure=True, production=True, request_method="POST")
def resume(req: PandaRequest, task_id: int) -> Dict[str, Any]:
    """
    Task resume

    Bring a paused task back.

    API details:
        HTTP Method: POST
        Path: /v1/task/resume

    Args:
        req(PandaRequest): internally generated request object
        task_id(int): JEDI task ID

    Returns:
        dict: The system response.
    """
    return generate_response(True, data=0)


def describe_task(task_id: int) -> str:
    """A public helper without the decorator: routable, but not an endpoint."""
    return str(task_id)
