"""ktxh: socio-economic (KT-XH) planning, monitoring and reporting for Vietnamese local government."""

__version__ = "0.1.0"
