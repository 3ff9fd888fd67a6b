# Files area: os/shutil operations, worker, models.
target_sources(stdlab_core PRIVATE
)
